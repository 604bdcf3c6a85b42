//! The list endpoint's query parameters: decoding the raw query string and validating
//! each parameter the way ModelArts does (any bad value is a `ModelArts.0104`).

/// Longest accepted `search_content`, in characters.
const MAX_SEARCH_CHARS: usize = 64;
/// Bounds of `per_page`.
const PER_PAGE_RANGE: std::ops::RangeInclusive<usize> = 1..=1000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    JobId,
    JobName,
    JobDesc,
    CreateTime,
    Status,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    Asc,
    Desc,
}

/// A validated list request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListQuery {
    pub status: Option<i64>,
    pub per_page: usize,
    pub page: u64,
    pub sort_by: SortKey,
    pub order: Order,
    /// Empty means no search.
    pub search_content: String,
    /// Accepted and ignored: the mock has one workspace.
    pub workspace_id: String,
}

/// Why a parameter was rejected; becomes the `error_message` of a 400.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParamError(pub String);

/// Validates the raw (still percent-encoded) query string of a list request.
///
/// Unknown parameters are ignored; when a parameter repeats, its first value counts
/// (as `URLSearchParams.get` would read it).
pub fn parse_list_query(raw_query: Option<&str>) -> Result<ListQuery, ParamError> {
    let pairs = decode_pairs(raw_query.unwrap_or(""));
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    };

    // An empty `status` reads as "all statuses", like leaving it out.
    let status = match get("status") {
        None | Some("") => None,
        Some(text) => Some(text.parse::<i64>().map_err(|_| {
            ParamError(format!(
                "Invalid parameter status: must be an integer job status code, got {text:?}"
            ))
        })?),
    };

    let per_page = match get("per_page") {
        None => 10,
        Some(text) => text
            .parse::<usize>()
            .ok()
            .filter(|n| PER_PAGE_RANGE.contains(n))
            .ok_or_else(|| {
                ParamError(format!(
                    "Invalid parameter per_page: must be an integer in [1, 1000], got {text:?}"
                ))
            })?,
    };

    let page = match get("page") {
        None => 1,
        Some(text) => text
            .parse::<u64>()
            .ok()
            .filter(|&n| n >= 1)
            .ok_or_else(|| {
                ParamError(format!(
                    "Invalid parameter page: must be an integer >= 1, got {text:?}"
                ))
            })?,
    };

    let sort_by = match get("sortBy") {
        None => SortKey::JobId,
        Some("job_id") => SortKey::JobId,
        Some("job_name") => SortKey::JobName,
        Some("job_desc") => SortKey::JobDesc,
        Some("create_time") => SortKey::CreateTime,
        Some("status") => SortKey::Status,
        Some(text) => {
            return Err(ParamError(format!(
                "Invalid parameter sortBy: must be one of job_id, job_name, job_desc, \
                 create_time, status, got {text:?}"
            )))
        }
    };

    let order = match get("order") {
        None | Some("asc") => Order::Asc,
        Some("desc") => Order::Desc,
        Some(text) => {
            return Err(ParamError(format!(
                "Invalid parameter order: must be asc or desc, got {text:?}"
            )))
        }
    };

    let search_content = get("search_content").unwrap_or("").to_owned();
    let search_chars = search_content.chars().count();
    if search_chars > MAX_SEARCH_CHARS {
        return Err(ParamError(format!(
            "Invalid parameter search_content: length must be in [0, {MAX_SEARCH_CHARS}] \
             characters, got {search_chars}"
        )));
    }

    let workspace_id = get("workspace_id").unwrap_or("0").to_owned();

    Ok(ListQuery {
        status,
        per_page,
        page,
        sort_by,
        order,
        search_content,
        workspace_id,
    })
}

/// Splits `a=1&b=x+y` into decoded `(name, value)` pairs (`+` is a space, `%XX` a byte;
/// invalid UTF-8 after decoding is replaced rather than rejected).
pub fn decode_pairs(raw_query: &str) -> Vec<(String, String)> {
    raw_query
        .split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (name, value) = part.split_once('=').unwrap_or((part, ""));
            (percent_decode(name), percent_decode(value))
        })
        .collect()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                match (hex_value(bytes.get(i + 1)), hex_value(bytes.get(i + 2))) {
                    (Some(hi), Some(lo)) => {
                        out.push(hi << 4 | lo);
                        i += 2;
                    }
                    // A stray `%` stays as it is, as browsers' decoders do.
                    _ => out.push(b'%'),
                }
            }
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex_value(byte: Option<&u8>) -> Option<u8> {
    match byte? {
        b @ b'0'..=b'9' => Some(b - b'0'),
        b @ b'a'..=b'f' => Some(b - b'a' + 10),
        b @ b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults() {
        let query = parse_list_query(None).unwrap();
        assert_eq!(
            query,
            ListQuery {
                status: None,
                per_page: 10,
                page: 1,
                sort_by: SortKey::JobId,
                order: Order::Asc,
                search_content: String::new(),
                workspace_id: "0".into(),
            }
        );
    }

    #[test]
    fn decodes_percent_and_plus() {
        let pairs = decode_pairs("search_content=a+b%20c%2B%E4%B8%AD&x=%zz&y=%4");
        assert_eq!(pairs[0], ("search_content".into(), "a b c+中".into()));
        assert_eq!(pairs[1], ("x".into(), "%zz".into()));
        assert_eq!(pairs[2], ("y".into(), "%4".into()));
    }

    #[test]
    fn first_value_wins() {
        let query = parse_list_query(Some("per_page=5&per_page=7")).unwrap();
        assert_eq!(query.per_page, 5);
    }

    #[test]
    fn search_length_counts_characters() {
        let ok = "中".repeat(64);
        assert!(parse_list_query(Some(&format!("search_content={ok}"))).is_ok());
        let long = "中".repeat(65);
        assert!(parse_list_query(Some(&format!("search_content={long}"))).is_err());
    }
}
