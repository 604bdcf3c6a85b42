//! The notice of what the page corrected, as HTML text escaped as the table's rows are
//! ([`crate::row_markup`]): the page shows it with one call to the browser's parser.

use crate::row_markup::push_text;

/// `<div class="notice" …>`: the intro, one item per message, and the dismiss button
/// (`data-act="dismiss"`, which the page's one listener around it answers).
pub fn notice_html(intro: &str, messages: &[String], dismiss: &str) -> String {
    let mut out = String::from("<div class=\"notice\" data-testid=\"notice\" role=\"status\"><p>");
    push_text(&mut out, intro);
    out.push_str("</p><ul>");
    for message in messages {
        out.push_str("<li>");
        push_text(&mut out, message);
        out.push_str("</li>");
    }
    out.push_str("</ul><button type=\"button\" class=\"link\" data-act=\"dismiss\">");
    push_text(&mut out, dismiss);
    out.push_str("</button></div>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_is_an_item_and_all_text_is_escaped() {
        let html = notice_html(
            "Fixed:",
            &["page <b>0</b> → 1".into(), "a & b".into()],
            "Dismiss",
        );
        assert_eq!(
            html,
            "<div class=\"notice\" data-testid=\"notice\" role=\"status\"><p>Fixed:</p>\
             <ul><li>page &lt;b&gt;0&lt;/b&gt; → 1</li><li>a &amp; b</li></ul>\
             <button type=\"button\" class=\"link\" data-act=\"dismiss\">Dismiss</button></div>"
        );
    }
}
