//! Sets of job IDs: the selection and the jobs with a request out, a page's worth at
//! most. A `HashSet<String>` was a copy of the hash table's generic code for `String`
//! in the wasm, with a seeded hasher.

/// A set of IDs kept sorted: a lookup is a binary search, an insert a shift.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IdSet(Vec<String>);

impl IdSet {
    pub fn contains(&self, id: &str) -> bool {
        self.find(id).is_ok()
    }

    /// Adds `id`; false when it was there already.
    pub fn insert(&mut self, id: String) -> bool {
        match self.find(&id) {
            Ok(_) => false,
            Err(at) => {
                self.0.insert(at, id);
                true
            }
        }
    }

    /// Takes `id` out; false when it was not there.
    pub fn remove(&mut self, id: &str) -> bool {
        match self.find(id) {
            Ok(at) => {
                self.0.remove(at);
                true
            }
            Err(_) => false,
        }
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn find(&self, id: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|held| held.as_str().cmp(id))
    }
}

impl FromIterator<String> for IdSet {
    fn from_iter<I: IntoIterator<Item = String>>(ids: I) -> Self {
        let mut set = IdSet::default();
        for id in ids {
            set.insert(id);
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::IdSet;

    #[test]
    fn holds_each_id_once_and_finds_it_in_any_order() {
        let mut set = IdSet::default();
        assert!(set.is_empty());
        for id in ["b", "10", "a", "2", "b"] {
            set.insert(id.to_string());
        }
        assert_eq!(set.len(), 4);
        for id in ["a", "b", "2", "10"] {
            assert!(set.contains(id), "{id}");
        }
        assert!(!set.contains("1") && !set.contains(""));
        assert!(!set.insert("a".into()));
        assert!(set.remove("a") && !set.remove("a"));
        assert!(!set.contains("a") && set.contains("b"));
        let collected: IdSet = ["x", "y", "x"].map(String::from).into_iter().collect();
        assert_eq!(collected.len(), 2);
        assert_eq!(
            collected,
            ["y", "x"].map(String::from).into_iter().collect()
        );
    }
}
