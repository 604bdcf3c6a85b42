//! The table's row keys: a job's `row_key` plus a hash of everything its row shows
//! except the figures that move on every refresh of a running job (duration, time
//! left), which the page's clock writes into the row. Two pages with the same keys in
//! the same order show the same rows, so a refresh that changes no key needs no work
//! from the table at all; one that does keeps every row whose key it still has.

use std::hash::{Hash, Hasher};

use rustc_hash::FxHasher;

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
    let mut hasher = FxHasher::default();
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

/// Whether `held` are exactly the keys of `rows` (each a `row_key` and its
/// [`row_hash`]), in order: one pass of comparisons, no allocation. Most refreshes
/// change no key, and then the table has nothing to do.
pub fn same_keys<'a>(held: &[RowKey], rows: impl ExactSizeIterator<Item = (&'a str, u64)>) -> bool {
    held.len() == rows.len()
        && held
            .iter()
            .zip(rows)
            .all(|((key, hash), (new_key, new_hash))| key == new_key && *hash == new_hash)
}

/// A slot of an index table ([`clear_slots`]) with no entry in it.
pub const EMPTY: u32 = u32::MAX;
/// A slot of [`match_rows`]'s table whose row a new row has taken already.
const TAKEN: u32 = u32::MAX - 1;

/// Makes `slots` an empty open-addressing table of entry indices with room for `len`
/// entries, and returns its mask. At least half the slots stay empty, so every probe
/// ends. (A few lines of code, where a `HashMap` or `HashSet` of keys is a copy of its
/// generic code in the wasm and a key allocation per entry.)
pub fn clear_slots(slots: &mut Vec<u32>, len: usize) -> usize {
    let size = (len * 2).next_power_of_two().max(2);
    slots.clear();
    slots.resize(size, EMPTY);
    size - 1
}

/// The slot `hash` leads to: from its home slot on, the first that is [`EMPTY`] or
/// holds an entry `is_it` accepts.
pub fn probe(slots: &[u32], mask: usize, hash: u64, mut is_it: impl FnMut(u32) -> bool) -> usize {
    let mut at = hash as usize & mask;
    while slots[at] != EMPTY && !is_it(slots[at]) {
        at = (at + 1) & mask;
    }
    at
}

/// For each of the `new` keys in order, the index of a row in `old` with the same key,
/// if there is one; each old row is given at most once. `slots` is scratch space kept
/// between calls, and afterwards holds the indices of the old rows nobody took (see
/// [`untaken`]).
///
/// An index table ([`clear_slots`]) of the old rows, placed by the key's hash half
/// (already a hash).
pub fn match_rows<'a>(
    old: &[RowKey],
    new: impl Iterator<Item = (&'a str, u64)>,
    slots: &mut Vec<u32>,
    plan: &mut Vec<Option<usize>>,
) {
    let mask = clear_slots(slots, old.len());
    for (index, (_, hash)) in old.iter().enumerate() {
        let at = probe(slots, mask, *hash, |_| false);
        slots[at] = index as u32;
    }
    plan.clear();
    for (key, hash) in new {
        let at = probe(slots, mask, hash, |index| {
            index != TAKEN && old[index as usize].1 == hash && old[index as usize].0 == key
        });
        let found = (slots[at] != EMPTY).then(|| {
            let index = slots[at] as usize;
            slots[at] = TAKEN;
            index
        });
        plan.push(found);
    }
}

/// The old rows no new row took, after [`match_rows`] (in no particular order).
pub fn untaken(slots: &[u32]) -> impl Iterator<Item = usize> + '_ {
    slots
        .iter()
        .filter(|&&slot| slot != EMPTY && slot != TAKEN)
        .map(|&slot| slot as usize)
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
    fn same_keys_only_for_the_same_rows_in_the_same_order() {
        let held = |jobs: &[Job], shows| -> Vec<RowKey> {
            keys(jobs, shows)
                .into_iter()
                .map(|(k, h)| (k.to_string(), h))
                .collect()
        };
        let first = [job("1", 8, 1_000), job("2", 10, 0)];
        let shown = held(&first, SHOWS);
        assert!(same_keys(&[], keys(&[], SHOWS).into_iter()));
        assert!(!same_keys(&[], keys(&first, SHOWS).into_iter()));
        // A refresh that moved only the running job's figures.
        let refreshed = [job("1", 8, 31_000), job("2", 10, 0)];
        assert!(same_keys(&shown, keys(&refreshed, SHOWS).into_iter()));
        // The same rows in another order, one row fewer, another status, another language.
        let sorted = [job("2", 10, 0), job("1", 8, 1_000)];
        assert!(!same_keys(&shown, keys(&sorted, SHOWS).into_iter()));
        assert!(!same_keys(&shown, keys(&first[..1], SHOWS).into_iter()));
        let failed = [job("1", 11, 1_000), job("2", 10, 0)];
        assert!(!same_keys(&shown, keys(&failed, SHOWS).into_iter()));
        let zh = RowShows {
            lang: Lang::ZhCn,
            ..SHOWS
        };
        assert!(!same_keys(&shown, keys(&first, zh).into_iter()));
    }

    fn plan_of(old: &[(&str, u64)], new: &[(&str, u64)]) -> (Vec<Option<usize>>, Vec<usize>) {
        let old: Vec<RowKey> = old.iter().map(|(k, h)| (k.to_string(), *h)).collect();
        let (mut slots, mut plan) = (Vec::new(), Vec::new());
        match_rows(&old, new.iter().copied(), &mut slots, &mut plan);
        let mut left: Vec<usize> = untaken(&slots).collect();
        left.sort();
        (plan, left)
    }

    #[test]
    fn rows_are_matched_by_whole_key_each_old_row_once() {
        // Reordered, one changed (same row key, another hash), one new, one gone.
        let (plan, left) = plan_of(
            &[("a", 1), ("b", 2), ("c", 3), ("d", 4)],
            &[("c", 3), ("a", 1), ("b", 9), ("e", 5)],
        );
        assert_eq!(plan, vec![Some(2), Some(0), None, None]);
        assert_eq!(left, vec![1, 3]);
        // Equal keys (rows of jobs without an ID and the same content): each once.
        let (plan, left) = plan_of(&[("x", 7), ("x", 7)], &[("x", 7), ("x", 7), ("x", 7)]);
        assert_eq!(plan[2], None);
        let mut taken = vec![plan[0].unwrap(), plan[1].unwrap()];
        taken.sort();
        assert_eq!(taken, vec![0, 1]);
        assert!(left.is_empty());
        // The same hash under another row key is another row.
        let (plan, left) = plan_of(&[("a", 7)], &[("b", 7)]);
        assert_eq!((plan, left), (vec![None], vec![0]));
        assert_eq!(plan_of(&[], &[("a", 1)]), (vec![None], vec![]));
        assert_eq!(plan_of(&[("a", 1)], &[]), (vec![], vec![0]));
    }

    // proptest is a host-only dev-dependency.
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;

        proptest::proptest! {
            /// Against a plain search: every new row gets an equal old row when one is left,
            /// no old row twice, and the untaken ones are exactly the rest.
            #[test]
            fn matching_agrees_with_a_search(
                old in proptest::collection::vec((0u8..6, 0u64..4), 0..40),
                new in proptest::collection::vec((0u8..6, 0u64..4), 0..40),
            ) {
                let name = |k: u8| ["a", "b", "c", "d", "e", "f"][k as usize];
                let old: Vec<(&str, u64)> = old.iter().map(|&(k, h)| (name(k), h)).collect();
                let new: Vec<(&str, u64)> = new.iter().map(|&(k, h)| (name(k), h)).collect();
                let (plan, left) = plan_of(&old, &new);
                let mut used = vec![false; old.len()];
                for (row, found) in new.iter().zip(&plan) {
                    match found {
                        Some(i) => {
                            proptest::prop_assert_eq!(old[*i], *row);
                            proptest::prop_assert!(!used[*i]);
                            used[*i] = true;
                        }
                        None => proptest::prop_assert!(
                            !old.iter().zip(&used).any(|(o, u)| !*u && o == row)
                        ),
                    }
                }
                let rest: Vec<usize> = (0..old.len()).filter(|&i| !used[i]).collect();
                proptest::prop_assert_eq!(left, rest);
            }
        }
    }
}
