//! The page's lists of choices as HTML text, escaped as the table's rows are
//! ([`crate::row_markup`]): the status filter's ~60 options, the page sizes and the
//! column picker's boxes, each written with one call to the browser's parser.

use crate::{
    api::query::PAGE_SIZES,
    cat,
    columns::Column,
    i18n::{t, Lang, Msg},
    row_markup::{push_attr, push_element, push_text},
    status::{is_documented, status_option_label, DOCUMENTED},
};

/// "All statuses" (value `""`), every documented code in order, and `selected` after
/// them when it is a code the table does not know (from a link), so it still shows.
pub fn status_options_html(lang: Lang, selected: Option<i64>) -> String {
    let mut out = String::with_capacity(2_400);
    push_option(&mut out, "", t(lang, Msg::StatusAll));
    let extra = selected.filter(|code| !is_documented(*code));
    for code in (0..DOCUMENTED).chain(extra) {
        push_option(&mut out, &cat!(code), &status_option_label(code, lang));
    }
    out
}

/// The page sizes, with `chosen` among them in order when it is another valid size
/// (from a link), so it stays selectable.
pub fn page_size_options_html(chosen: u32) -> String {
    let mut out = String::with_capacity(160);
    let extra = Some(chosen).filter(|n| !PAGE_SIZES.contains(n));
    let mut sizes = PAGE_SIZES.iter().copied().chain(extra).collect::<Vec<_>>();
    sizes.sort_unstable();
    for n in sizes {
        let n = cat!(n);
        push_option(&mut out, &n, &n);
    }
    out
}

/// One labelled checkbox per column that can be hidden, ticked when shown. The boxes
/// carry their column's key (`data-column`) for the menu's one change listener.
pub fn column_menu_html(lang: Lang, hidden: &[Column]) -> String {
    let mut out = String::with_capacity(900);
    for column in Column::ALL.into_iter().filter(|c| c.can_hide()) {
        out.push_str("<label><input type=\"checkbox\"");
        push_attr(&mut out, "data-testid", &cat!("column-", column.key()));
        push_attr(&mut out, "data-column", column.key());
        if !hidden.contains(&column) {
            out.push_str(" checked");
        }
        out.push_str("> ");
        push_text(&mut out, t(lang, column.label_key()));
        out.push_str("</label>");
    }
    out
}

fn push_option(out: &mut String, value: &str, label: &str) {
    push_element(out, "option", "value", value, label);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(html: &str) -> usize {
        html.matches("<option").count()
    }

    #[test]
    fn all_then_every_documented_code_in_order() {
        let html = status_options_html(Lang::En, None);
        assert!(html.starts_with("<option value=\"\">All statuses</option>"));
        assert_eq!(count(&html), 1 + DOCUMENTED as usize);
        assert!(html.contains("<option value=\"8\">Running (8)</option>"));
        let running = html.find("value=\"8\"").unwrap();
        let failed = html.find("value=\"10\"").unwrap();
        assert!(running < failed);
        assert!(status_options_html(Lang::ZhCn, Some(8)).contains("运行中"));
    }

    #[test]
    fn page_sizes_in_order_with_a_linked_size_among_them() {
        let html = page_size_options_html(20);
        assert_eq!(count(&html), PAGE_SIZES.len());
        assert!(
            html.starts_with("<option value=\"10\">10</option><option value=\"20\">20</option>")
        );
        let html = page_size_options_html(5);
        assert_eq!(count(&html), PAGE_SIZES.len() + 1);
        assert!(html.starts_with("<option value=\"5\">5</option><option value=\"10\">"));
        let html = page_size_options_html(30);
        assert!(html.contains(
            "<option value=\"20\">20</option><option value=\"30\">30</option><option value=\"50\">"
        ));
    }

    #[test]
    fn a_box_per_hideable_column_ticked_when_shown() {
        let html = column_menu_html(Lang::En, &[Column::JobId]);
        let boxes = Column::ALL.iter().filter(|c| c.can_hide()).count();
        assert_eq!(html.matches("<input").count(), boxes);
        assert_eq!(html.matches(" checked").count(), boxes - 1);
        assert!(html.contains(
            "<label><input type=\"checkbox\" data-testid=\"column-job_id\" data-column=\"job_id\"> Job ID</label>"
        ));
        assert!(column_menu_html(Lang::ZhCn, &[]).contains("描述"));
    }

    #[test]
    fn an_undocumented_selected_code_is_listed_last_once() {
        let html = status_options_html(Lang::En, Some(99));
        assert_eq!(count(&html), 2 + DOCUMENTED as usize);
        assert!(html.ends_with("<option value=\"99\">Unknown (99)</option>"));
        // A documented one is not listed twice.
        assert_eq!(
            count(&status_options_html(Lang::En, Some(8))),
            1 + DOCUMENTED as usize
        );
    }
}
