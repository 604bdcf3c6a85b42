//! The grid's columns: which can be hidden, and how the choice is remembered.

use crate::i18n::Msg;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    JobName,
    Status,
    CreateTime,
    Duration,
    JobDesc,
    ServiceUrl,
    TrainUrl,
    JobId,
    ResourceId,
}

impl Column {
    /// In display order.
    pub const ALL: [Column; 9] = [
        Column::JobName,
        Column::Status,
        Column::CreateTime,
        Column::Duration,
        Column::JobDesc,
        Column::ServiceUrl,
        Column::TrainUrl,
        Column::JobId,
        Column::ResourceId,
    ];

    /// The API field it shows; also its CSS class (`col-…`) and storage name.
    pub fn key(self) -> &'static str {
        match self {
            Column::JobName => "job_name",
            Column::Status => "status",
            Column::CreateTime => "create_time",
            Column::Duration => "duration",
            Column::JobDesc => "job_desc",
            Column::ServiceUrl => "service_url",
            Column::TrainUrl => "train_url",
            Column::JobId => "job_id",
            Column::ResourceId => "resource_id",
        }
    }

    /// The catalogue key of its header.
    pub fn label_key(self) -> Msg {
        match self {
            Column::JobName => Msg::ColJobName,
            Column::Status => Msg::ColStatus,
            Column::CreateTime => Msg::ColCreateTime,
            Column::Duration => Msg::ColDuration,
            Column::JobDesc => Msg::ColJobDesc,
            Column::ServiceUrl => Msg::ColServiceUrl,
            Column::TrainUrl => Msg::ColTrainUrl,
            Column::JobId => Msg::ColJobId,
            Column::ResourceId => Msg::ColResourceId,
        }
    }

    /// The name identifies a row, so it always shows.
    /// The copy button's label and test hook, for the columns that have one: static,
    /// so no row builds these strings.
    pub fn copy_hooks(self) -> Option<(Msg, &'static str)> {
        match self {
            Column::TrainUrl => Some((Msg::CopyTrainUrl, "copy-train_url")),
            Column::JobId => Some((Msg::CopyJobId, "copy-job_id")),
            Column::ResourceId => Some((Msg::CopyResourceId, "copy-resource_id")),
            _ => None,
        }
    }

    pub fn can_hide(self) -> bool {
        self != Column::JobName
    }

    pub fn from_key(key: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.key() == key)
    }
}

/// `"duration,job_desc"` → those columns; unknown names and the name column are dropped.
/// Hidden until a person shows them: long IDs and paths, which the detail panel has
/// (so the default columns fit a 1280-pixel screen with the row actions).
pub const DEFAULT_HIDDEN: [Column; 3] = [Column::TrainUrl, Column::JobId, Column::ResourceId];

pub fn parse_hidden(stored: &str) -> Vec<Column> {
    let mut hidden: Vec<Column> = stored
        .split(',')
        .filter_map(|k| Column::from_key(k.trim()))
        .filter(|c| c.can_hide())
        .collect();
    hidden.dedup();
    hidden
}

pub fn serialize_hidden(hidden: &[Column]) -> String {
    hidden.iter().map(|c| c.key()).collect::<Vec<_>>().join(",")
}

/// The table's classes: one `hide-…` per hidden column, so hiding needs no re-render.
pub fn table_class(hidden: &[Column]) -> String {
    let mut class = String::from("job-grid");
    for c in hidden {
        class.push_str(" hide-");
        class.push_str(c.key());
    }
    class
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_columns_round_trip_and_ignore_junk() {
        let hidden = vec![Column::Duration, Column::ResourceId];
        assert_eq!(parse_hidden(&serialize_hidden(&hidden)), hidden);
        assert_eq!(parse_hidden("job_name, bogus,,job_desc"), [Column::JobDesc]);
        assert_eq!(parse_hidden(""), []);
    }

    #[test]
    fn the_table_class_names_each_hidden_column() {
        assert_eq!(table_class(&[]), "job-grid");
        assert_eq!(
            table_class(&[Column::JobDesc, Column::TrainUrl]),
            "job-grid hide-job_desc hide-train_url"
        );
    }
}
