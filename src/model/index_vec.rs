//! A `Vec` indexed by a typed index (`services[ServiceIx]`), so a position of one kind of entity
//! cannot index the list of another and nobody writes `ServiceIx(i as u32)` by hand: enumerating
//! yields the typed index.
//!
//! A key design decision made in this module is to write the ~100 lines ourselves rather than
//! depend on `typed-index-collections` or `index_vec`: polku needs indexing, enumeration, `push`
//! returning the new index and a filled vector, nothing of those crates' slice APIs, and its
//! index types are `u32` newtypes declared in `entities.rs`.

use std::fmt;
use std::marker::PhantomData;
use std::ops::{Index, IndexMut};

use serde::Serialize;

/// A typed position in an [`IndexVec`].
pub trait Idx: Copy {
    /// The index at position `i`.
    fn new(i: usize) -> Self;
    /// The position this index stands for.
    fn index(self) -> usize;
}

/// A `Vec<T>` whose positions are `I`s.
pub struct IndexVec<I, T> {
    raw: Vec<T>,
    _index: PhantomData<fn(&I)>,
}

impl<I: Idx, T> IndexVec<I, T> {
    /// An empty vector.
    pub const fn new() -> Self {
        IndexVec {
            raw: Vec::new(),
            _index: PhantomData,
        }
    }

    /// `n` copies of `value`: one slot per entity, for per-service figures.
    pub fn from_elem(value: T, n: usize) -> Self
    where
        T: Clone,
    {
        vec![value; n].into()
    }

    /// How many elements.
    pub fn len(&self) -> usize {
        self.raw.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.raw.is_empty()
    }

    /// Appends `value` and returns its index.
    pub fn push(&mut self, value: T) -> I {
        let ix = I::new(self.raw.len());
        self.raw.push(value);
        ix
    }

    /// The element at `ix`, if there is one.
    pub fn get(&self, ix: I) -> Option<&T> {
        self.raw.get(ix.index())
    }

    /// The elements in order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.raw.iter()
    }

    /// The elements in order, to change.
    pub fn iter_mut(&mut self) -> std::slice::IterMut<'_, T> {
        self.raw.iter_mut()
    }

    /// Each element with its typed index.
    pub fn iter_enumerated(
        &self,
    ) -> impl DoubleEndedIterator<Item = (I, &T)> + ExactSizeIterator + Clone {
        self.raw.iter().enumerate().map(|(i, t)| (I::new(i), t))
    }

    /// Every index, in order.
    pub fn indices(
        &self,
    ) -> impl DoubleEndedIterator<Item = I> + ExactSizeIterator + Clone + use<I, T> {
        (0..self.raw.len()).map(I::new)
    }

    /// The elements as a plain slice, for code that needs no index.
    pub fn as_slice(&self) -> &[T] {
        &self.raw
    }

    /// The elements as a plain `Vec`.
    pub fn into_raw(self) -> Vec<T> {
        self.raw
    }

    /// Keeps only the elements `keep` says yes to (the later ones move down).
    pub fn retain(&mut self, keep: impl FnMut(&T) -> bool) {
        self.raw.retain(keep);
    }
}

impl<I: Idx, T> Default for IndexVec<I, T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<I, T: Clone> Clone for IndexVec<I, T> {
    fn clone(&self) -> Self {
        IndexVec {
            raw: self.raw.clone(),
            _index: PhantomData,
        }
    }
}

impl<I, T: fmt::Debug> fmt::Debug for IndexVec<I, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.raw.fmt(f)
    }
}

impl<I, T: PartialEq> PartialEq for IndexVec<I, T> {
    fn eq(&self, other: &Self) -> bool {
        self.raw == other.raw
    }
}

impl<I, T: Serialize> Serialize for IndexVec<I, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.raw.serialize(serializer)
    }
}

impl<I: Idx, T> Index<I> for IndexVec<I, T> {
    type Output = T;
    fn index(&self, ix: I) -> &T {
        &self.raw[ix.index()]
    }
}

impl<I: Idx, T> IndexMut<I> for IndexVec<I, T> {
    fn index_mut(&mut self, ix: I) -> &mut T {
        &mut self.raw[ix.index()]
    }
}

impl<I, T> From<Vec<T>> for IndexVec<I, T> {
    fn from(raw: Vec<T>) -> Self {
        IndexVec {
            raw,
            _index: PhantomData,
        }
    }
}

impl<I, T> FromIterator<T> for IndexVec<I, T> {
    fn from_iter<It: IntoIterator<Item = T>>(iter: It) -> Self {
        Vec::from_iter(iter).into()
    }
}

impl<I, T> IntoIterator for IndexVec<I, T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.raw.into_iter()
    }
}

impl<'a, I, T> IntoIterator for &'a IndexVec<I, T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.raw.iter()
    }
}

impl<'a, I, T> IntoIterator for &'a mut IndexVec<I, T> {
    type Item = &'a mut T;
    type IntoIter = std::slice::IterMut<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.raw.iter_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ServiceIx;

    #[test]
    fn push_returns_the_index_that_reads_it_back() {
        let mut v: IndexVec<ServiceIx, &str> = IndexVec::new();
        let a = v.push("a");
        let b = v.push("b");
        assert_eq!((a, b), (ServiceIx(0), ServiceIx(1)));
        assert_eq!(v[b], "b");
        v[a] = "z";
        assert_eq!(v.get(a), Some(&"z"));
        assert_eq!(v.get(ServiceIx(2)), None);
    }

    #[test]
    fn enumeration_yields_typed_indices() {
        let v: IndexVec<ServiceIx, char> = "xyz".chars().collect();
        let pairs: Vec<(ServiceIx, char)> = v.iter_enumerated().map(|(i, c)| (i, *c)).collect();
        assert_eq!(
            pairs,
            [
                (ServiceIx(0), 'x'),
                (ServiceIx(1), 'y'),
                (ServiceIx(2), 'z')
            ]
        );
        assert_eq!(v.indices().next_back(), Some(ServiceIx(2)));
        assert_eq!(
            IndexVec::<ServiceIx, u8>::from_elem(7, 2).as_slice(),
            [7, 7]
        );
    }
}
