//! The table's row keys: a job's `row_key` plus a hash of everything its row shows
//! except the figures that move on every refresh of a running job (duration, time
//! left), which the page's clock writes into the row. Two pages with the same keys in
//! the same order show the same rows, so a refresh that changes no key needs no work
//! from the keyed list at all.

use std::hash::{DefaultHasher, Hash, Hasher};

use crate::{actions::Verb, api::model::Job, i18n::Lang};

/// A row's key in the keyed list.
pub type RowKey = (String, u64);

/// What a row shows beside its job.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RowShows {
    pub lang: Lang,
    pub pending: Option<Verb>,
    pub busy: bool,
    pub controls: bool,
}

/// The hash half of a row's key.
pub fn row_hash(job: &Job, shows: RowShows) -> u64 {
    let mut hasher = DefaultHasher::new();
    (
        &job.job_id,
        &job.job_name,
        job.status,
        job.create_time_ms,
        &job.job_desc,
        &job.service_url,
        &job.train_url,
        &job.resource_id,
        &job.schedule,
    )
        .hash(&mut hasher);
    shows.hash(&mut hasher);
    hasher.finish()
}

/// Makes `held` the keys of `rows` (each a `row_key` and its [`row_hash`]) and says
/// whether they differed. Allocates only when they did: a refresh that changes no row
/// costs one pass of comparisons.
pub fn hold_keys<'a, I>(held: &mut Vec<RowKey>, rows: I) -> bool
where
    I: ExactSizeIterator<Item = (&'a str, u64)> + Clone,
{
    let same = held.len() == rows.len()
        && held
            .iter()
            .zip(rows.clone())
            .all(|((key, hash), (new_key, new_hash))| key == new_key && *hash == new_hash);
    if !same {
        held.clear();
        held.extend(rows.map(|(key, hash)| (key.to_string(), hash)));
    }
    !same
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(id: &str, status: i64, duration_ms: i64) -> Job {
        Job {
            job_id: Some(id.into()),
            row_key: id.into(),
            job_name: Some(format!("job-{id}")),
            status: Some(status),
            duration_ms: Some(duration_ms),
            remaining_duration: Some(60_000 - duration_ms),
            ..Job::default()
        }
    }

    const SHOWS: RowShows = RowShows {
        lang: Lang::En,
        pending: None,
        busy: false,
        controls: true,
    };

    fn keys(jobs: &[Job], shows: RowShows) -> Vec<(&str, u64)> {
        jobs.iter()
            .map(|j| (j.row_key.as_str(), row_hash(j, shows)))
            .collect()
    }

    #[test]
    fn live_figures_leave_the_hash_alone_and_shown_fields_change_it() {
        let base = row_hash(&job("1", 8, 1_000), SHOWS);
        assert_eq!(row_hash(&job("1", 8, 5_000), SHOWS), base);
        assert_ne!(row_hash(&job("1", 10, 1_000), SHOWS), base);
        let mut described = job("1", 8, 1_000);
        described.job_desc = Some("new".into());
        assert_ne!(row_hash(&described, SHOWS), base);
        for shows in [
            RowShows {
                lang: Lang::ZhCn,
                ..SHOWS
            },
            RowShows {
                pending: Some(Verb::Stop),
                ..SHOWS
            },
            RowShows {
                busy: true,
                ..SHOWS
            },
            RowShows {
                controls: false,
                ..SHOWS
            },
        ] {
            assert_ne!(row_hash(&job("1", 8, 1_000), shows), base, "{shows:?}");
        }
    }

    #[test]
    fn held_keys_change_only_with_the_rows() {
        let mut held = Vec::new();
        let first = [job("1", 8, 1_000), job("2", 10, 0)];
        assert!(!hold_keys(&mut held, keys(&[], SHOWS).into_iter()));
        assert!(hold_keys(&mut held, keys(&first, SHOWS).into_iter()));
        assert_eq!(held.len(), 2);
        // A refresh that moved only the running job's figures.
        let refreshed = [job("1", 8, 31_000), job("2", 10, 0)];
        assert!(!hold_keys(&mut held, keys(&refreshed, SHOWS).into_iter()));
        // The same rows in another order, one row fewer, another status, another language.
        let sorted = [job("2", 10, 0), job("1", 8, 1_000)];
        assert!(hold_keys(&mut held, keys(&sorted, SHOWS).into_iter()));
        assert!(hold_keys(&mut held, keys(&sorted[..1], SHOWS).into_iter()));
        assert!(hold_keys(
            &mut held,
            keys(&[job("2", 11, 0)], SHOWS).into_iter()
        ));
        let zh = RowShows {
            lang: Lang::ZhCn,
            ..SHOWS
        };
        assert!(hold_keys(
            &mut held,
            keys(&[job("2", 11, 0)], zh).into_iter()
        ));
        assert_eq!(
            held,
            vec![("2".to_string(), row_hash(&job("2", 11, 0), zh))]
        );
        assert!(hold_keys(&mut held, keys(&[], zh).into_iter()));
        assert!(held.is_empty());
    }
}
