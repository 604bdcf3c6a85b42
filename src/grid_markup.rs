//! The table's header row and the notes under it as HTML text, escaped as its rows
//! are ([`crate::row_markup`]). The header is written when the language or the
//! controls change; the sort state is an attribute the page sets on its cells
//! (`aria-sort`), so a sort rewrites nothing and the focus stays on the header pressed.

use crate::{
    api::query::SortKey,
    cat,
    columns::Column,
    i18n::{fill, t, Lang, Msg},
    row_markup::{push_attr, push_text},
};

/// Why a page shows no job, which decides what the empty state offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EmptyKind {
    /// A page after the last one (a link, or jobs deleted meanwhile): back to page 1.
    PastLast,
    /// Filters that match nothing: clear them.
    Filtered,
    /// The project has no job in this workspace.
    NoJobs,
}

/// What shows under the table: how many entries of the answer were not jobs, and the
/// empty state. Its buttons carry what they do in `data-act` (`first-page`,
/// `clear-filters`) for the one listener around them.
pub fn grid_notes_html(lang: Lang, skipped: usize, empty: Option<EmptyKind>) -> String {
    let mut out = String::new();
    if skipped != 0 {
        out.push_str("<p class=\"hint\" data-testid=\"skipped-entries\">");
        push_text(
            &mut out,
            &fill(lang, Msg::GridSkipped, &[("n", &cat!(skipped))]),
        );
        out.push_str("</p>");
    }
    let Some(empty) = empty else {
        return out;
    };
    out.push_str("<div class=\"empty\" data-testid=\"empty-state\"><p>");
    let (text, button) = match empty {
        EmptyKind::PastLast => (
            Msg::EmptyPastLast,
            Some(("first-page", Msg::EmptyFirstPage)),
        ),
        EmptyKind::Filtered => (Msg::EmptyFiltered, Some(("clear-filters", Msg::EmptyClear))),
        EmptyKind::NoJobs => (Msg::EmptyNone, None),
    };
    push_text(&mut out, t(lang, text));
    out.push_str("</p>");
    if let Some((act, label)) = button {
        out.push_str("<button type=\"button\"");
        push_attr(&mut out, "data-act", act);
        push_attr(&mut out, "data-testid", act);
        out.push('>');
        push_text(&mut out, t(lang, label));
        out.push_str("</button>");
    }
    out.push_str("</div>");
    out
}

/// The header row: the select-all box (with the controls), a cell per column
/// (a sort button where the API sorts by it, carrying its key in `data-sort`), and the
/// actions' cell (with the controls).
pub fn header_row_html(lang: Lang, controls: bool) -> String {
    let mut out = String::with_capacity(2_000);
    out.push_str("<tr>");
    if controls {
        out.push_str("<th scope=\"col\" class=\"col-select\"><input type=\"checkbox\" data-testid=\"select-all\"");
        push_attr(&mut out, "aria-label", t(lang, Msg::SelectAll));
        out.push_str("></th>");
    }
    for column in Column::ALL {
        let label = t(lang, column.label_key());
        out.push_str("<th scope=\"col\" class=\"col-");
        out.push_str(column.key());
        out.push('"');
        match SortKey::from_param(column.key()) {
            Some(key) => {
                push_attr(&mut out, "data-sort", key.as_param());
                out.push_str(" aria-sort=\"none\"><button type=\"button\" class=\"sort\" data-testid=\"sort-");
                out.push_str(key.as_param());
                out.push('"');
                push_attr(
                    &mut out,
                    "title",
                    &fill(lang, Msg::SortBy, &[("column", label)]),
                );
                out.push('>');
                push_text(&mut out, label);
                // All three glyphs, the one for `aria-sort` shown by the stylesheet: a
                // changed glyph would lay out the whole table again (~15 ms at 1,000 rows).
                out.push_str(
                    "<span class=\"arrow\" aria-hidden=\"true\"><span class=\"asc\">▲</span>\
                     <span class=\"desc\">▼</span><span class=\"none\">↕</span></span></button></th>",
                );
            }
            None => {
                out.push('>');
                push_text(&mut out, label);
                out.push_str("</th>");
            }
        }
    }
    if controls {
        out.push_str("<th scope=\"col\" class=\"col-actions\">");
        push_text(&mut out, t(lang, Msg::ActionsLabel));
        out.push_str("</th>");
    }
    out.push_str("</tr>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_per_column_sort_buttons_where_the_api_sorts() {
        let html = header_row_html(Lang::En, false);
        assert_eq!(html.matches("<th ").count(), Column::ALL.len());
        assert!(!html.contains("select-all"));
        assert!(!html.contains("col-actions"));
        let sortable = Column::ALL
            .iter()
            .filter(|c| SortKey::from_param(c.key()).is_some())
            .count();
        assert_eq!(html.matches("aria-sort=\"none\"").count(), sortable);
        assert!(html.contains(
            "<th scope=\"col\" class=\"col-job_name\" data-sort=\"job_name\" aria-sort=\"none\">\
             <button type=\"button\" class=\"sort\" data-testid=\"sort-job_name\" title=\"Sort by Name\">Name<span class=\"arrow\""
        ));
        assert!(html.contains("<th scope=\"col\" class=\"col-duration\">Duration</th>"));
    }

    #[test]
    fn notes_say_what_was_skipped_and_why_the_page_is_empty() {
        assert_eq!(grid_notes_html(Lang::En, 0, None), "");
        assert_eq!(
            grid_notes_html(Lang::En, 2, None),
            "<p class=\"hint\" data-testid=\"skipped-entries\">2 entries in the answer were not jobs and are not shown.</p>"
        );
        assert_eq!(
            grid_notes_html(Lang::En, 0, Some(EmptyKind::Filtered)),
            "<div class=\"empty\" data-testid=\"empty-state\"><p>No job matches these filters.</p>\
             <button type=\"button\" data-act=\"clear-filters\" data-testid=\"clear-filters\">Clear filters</button></div>"
        );
        assert!(grid_notes_html(Lang::En, 0, Some(EmptyKind::PastLast))
            .contains("data-act=\"first-page\""));
        let none = grid_notes_html(Lang::ZhCn, 1, Some(EmptyKind::NoJobs));
        assert!(none.contains("没有可视化作业"));
        assert!(!none.contains("<button"));
        assert!(none.starts_with("<p class=\"hint\" data-testid=\"skipped-entries\">"));
    }

    #[test]
    fn the_controls_add_select_all_and_actions_in_the_language() {
        let html = header_row_html(Lang::ZhCn, true);
        assert_eq!(html.matches("<th ").count(), Column::ALL.len() + 2);
        assert!(html.starts_with(
            "<tr><th scope=\"col\" class=\"col-select\"><input type=\"checkbox\" data-testid=\"select-all\" aria-label=\""
        ));
        assert!(html.ends_with("</th></tr>"));
        assert!(html.contains("class=\"col-actions\""));
        assert!(html.contains("描述"));
    }
}
