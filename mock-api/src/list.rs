//! Filtering, sorting and paging the job store for one list request.

use std::borrow::Borrow;
use std::cmp::Ordering;

use crate::data::DemoJob;
use crate::query::{ListQuery, Order, SortKey};

/// One page of matching jobs plus the number of matches over all pages.
#[derive(Debug)]
pub struct Page<'a, J> {
    pub total: usize,
    pub jobs: Vec<&'a J>,
}

/// Filters by status and name search, sorts by the requested key and order (ties always
/// by ascending `job_id`, so pages are stable), then cuts out the requested page.
///
/// Generic over what carries the record, so the page keeps whatever the answer needs
/// beside it (the store's views carry the schedule and job type).
pub fn select<'a, J: Borrow<DemoJob>>(jobs: &'a [J], query: &ListQuery) -> Page<'a, J> {
    let needle = query.search_content.to_lowercase();
    let mut matching: Vec<&J> = jobs
        .iter()
        .filter(|job| {
            let job = (*job).borrow();
            query.status.is_none_or(|status| job.status == status)
                && (needle.is_empty() || job.job_name.to_lowercase().contains(&needle))
        })
        .collect();

    matching.sort_by(|a, b| {
        let (a, b): (&DemoJob, &DemoJob) = ((*a).borrow(), (*b).borrow());
        let by_key = compare_by(query.sort_by, a, b);
        let directed = match query.order {
            Order::Asc => by_key,
            Order::Desc => by_key.reverse(),
        };
        directed.then(a.job_id.cmp(&b.job_id))
    });

    let total = matching.len();
    // Saturating: a huge page number is just past the end, not an overflow.
    let skip = usize::try_from(query.page - 1)
        .unwrap_or(usize::MAX)
        .saturating_mul(query.per_page);
    let jobs = matching
        .into_iter()
        .skip(skip)
        .take(query.per_page)
        .collect();
    Page { total, jobs }
}

fn compare_by(key: SortKey, a: &DemoJob, b: &DemoJob) -> Ordering {
    match key {
        SortKey::JobId => a.job_id.cmp(&b.job_id),
        SortKey::JobName => a.job_name.cmp(&b.job_name),
        SortKey::JobDesc => a.job_desc.cmp(&b.job_desc),
        SortKey::CreateTime => a.create_time.cmp(&b.create_time),
        SortKey::Status => a.status.cmp(&b.status),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::parse_list_query;

    fn job(job_id: u64, job_name: &str, status: i64) -> DemoJob {
        DemoJob {
            job_id,
            job_name: job_name.into(),
            status,
            create_time: 1000 + job_id as i64,
            duration: 0,
            job_desc: String::new(),
            service_url: String::new(),
            train_url: String::new(),
            resource_id: String::new(),
        }
    }

    fn ids(jobs: &[DemoJob], raw: &str) -> (usize, Vec<u64>) {
        let page = select(jobs, &parse_list_query(Some(raw)).unwrap());
        (page.total, page.jobs.iter().map(|j| j.job_id).collect())
    }

    #[test]
    fn ties_break_by_ascending_id_in_both_orders() {
        let jobs = vec![job(3, "b", 8), job(1, "b", 8), job(2, "a", 10)];
        assert_eq!(ids(&jobs, "sortBy=job_name"), (3, vec![2, 1, 3]));
        assert_eq!(ids(&jobs, "sortBy=job_name&order=desc"), (3, vec![1, 3, 2]));
    }

    #[test]
    fn filters_then_pages() {
        let jobs: Vec<DemoJob> = (1..=7).map(|id| job(id, "Tb-X", 8)).collect();
        assert_eq!(
            ids(&jobs, "search_content=tB&per_page=3&page=3"),
            (7, vec![7])
        );
        assert_eq!(ids(&jobs, "status=10"), (0, vec![]));
        assert_eq!(ids(&jobs, "page=18446744073709551615"), (7, vec![]));
    }
}
