//! A small open-addressing hash table from radix keys to dense ids (0, 1, 2, … in order of
//! first insertion): the fast tiers' `unique` and `isin` count and look up keys with it
//! instead of sorting every element.

use crate::buffer::vec_with_capacity;
use crate::error::{Error, Result};

const EMPTY: usize = usize::MAX;

pub struct KeyTable {
    keys: Vec<u64>,
    ids: Vec<usize>,
    len: usize,
    /// log2 of the slot count.
    bits: u32,
}

impl KeyTable {
    /// A table with room for about `expected` keys before it grows.
    pub fn with_capacity(expected: usize) -> Result<KeyTable> {
        let slots = expected
            .max(8)
            .checked_mul(2)
            .and_then(usize::checked_next_power_of_two)
            .ok_or_else(|| {
                Error::Memory(format!("cannot make a hash table for {expected} keys"))
            })?;
        let bits = slots.trailing_zeros();
        let mut keys = vec_with_capacity(slots)?;
        keys.resize(slots, 0);
        let mut ids = vec_with_capacity(slots)?;
        ids.resize(slots, EMPTY);
        Ok(KeyTable {
            keys,
            ids,
            len: 0,
            bits,
        })
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Fibonacci hashing: the top bits of key * 2^64/φ spread nearby keys over the table.
    #[inline(always)]
    fn home(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - self.bits)) as usize
    }

    /// The id of `key`, inserting it with the next id when new.
    #[inline]
    pub fn id_or_insert(&mut self, key: u64) -> Result<usize> {
        if 2 * (self.len + 1) > self.keys.len() {
            self.grow()?;
        }
        let mask = self.keys.len() - 1;
        let mut slot = self.home(key);
        loop {
            if self.ids[slot] == EMPTY {
                self.keys[slot] = key;
                self.ids[slot] = self.len;
                self.len += 1;
                return Ok(self.len - 1);
            }
            if self.keys[slot] == key {
                return Ok(self.ids[slot]);
            }
            slot = (slot + 1) & mask;
        }
    }

    /// The id of `key`, if present.
    #[inline]
    pub fn get(&self, key: u64) -> Option<usize> {
        let mask = self.keys.len() - 1;
        let mut slot = self.home(key);
        loop {
            match self.ids[slot] {
                EMPTY => return None,
                id if self.keys[slot] == key => return Some(id),
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    fn grow(&mut self) -> Result<()> {
        let mut bigger = KeyTable::with_capacity(self.keys.len())?;
        for (&key, &id) in self.keys.iter().zip(&self.ids) {
            if id != EMPTY {
                let mask = bigger.keys.len() - 1;
                let mut slot = bigger.home(key);
                while bigger.ids[slot] != EMPTY {
                    slot = (slot + 1) & mask;
                }
                bigger.keys[slot] = key;
                bigger.ids[slot] = id;
            }
        }
        bigger.len = self.len;
        *self = bigger;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_in_insertion_order() {
        let mut t = KeyTable::with_capacity(2).unwrap();
        for round in 0..2 {
            for k in 0..1000u64 {
                assert_eq!(t.id_or_insert(k * 977).unwrap(), k as usize, "{round}");
            }
        }
        assert_eq!(t.len(), 1000);
        assert_eq!(t.get(977 * 5), Some(5));
        assert_eq!(t.get(1), None);
    }
}
