//! Reading a capture one entry at a time: `log.entries` is walked as it is parsed, each entry
//! handed over as a `Value` and dropped before the next is read, so memory holds one entry,
//! whatever the file's size. The rest of the document is skipped without being built.

use std::{fmt, io::Read};

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::HarError;

/// Calls `each` with the index and the content of every entry of `log.entries` in the HAR
/// document `reader` holds, in order, as they are parsed.
///
/// # Errors
///
/// When the document is not JSON, or has no `log.entries` array.
pub(super) fn for_each_entry<R: Read>(
    reader: R,
    each: impl FnMut(usize, Value),
) -> Result<(), HarError> {
    let mut deserializer = serde_json::Deserializer::from_reader(std::io::BufReader::new(reader));
    let mut found = false;
    Document {
        each,
        found: &mut found,
    }
    .deserialize(&mut deserializer)
    .map_err(|e| HarError(format!("not JSON: {e}")))?;
    deserializer
        .end()
        .map_err(|e| HarError(format!("not JSON: {e}")))?;
    if !found {
        return Err(HarError(
            "not a HAR file: no `log.entries` array".to_owned(),
        ));
    }
    Ok(())
}

/// The top-level object: its `log` member is read, every other skipped.
struct Document<'a, F> {
    each: F,
    found: &'a mut bool,
}

impl<'de, F: FnMut(usize, Value)> DeserializeSeed<'de> for Document<'_, F> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, F: FnMut(usize, Value)> Visitor<'de> for Document<'_, F> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a HAR document (an object with `log`)")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            if key == "log" {
                map.next_value_seed(Log {
                    each: &mut self.each,
                    found: self.found,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }

    // Any other JSON value is no HAR document: skipped, and `found` stays false.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(())
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
}

/// The `log` object: its `entries` array is walked, every other member skipped.
struct Log<'a, F> {
    each: &'a mut F,
    found: &'a mut bool,
}

impl<'de, F: FnMut(usize, Value)> DeserializeSeed<'de> for Log<'_, F> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, F: FnMut(usize, Value)> Visitor<'de> for Log<'_, F> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the HAR `log` object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            if key == "entries" {
                map.next_value_seed(Entries {
                    each: &mut *self.each,
                    found: &mut *self.found,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(())
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
}

/// `log.entries`: each element parsed into a `Value` and handed over.
struct Entries<'a, F> {
    each: &'a mut F,
    found: &'a mut bool,
}

impl<'de, F: FnMut(usize, Value)> DeserializeSeed<'de> for Entries<'_, F> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, F: FnMut(usize, Value)> Visitor<'de> for Entries<'_, F> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the HAR `log.entries` array")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        *self.found = true;
        let mut index = 0;
        while let Some(entry) = seq.next_element::<Value>()? {
            (self.each)(index, entry);
            index += 1;
        }
        Ok(())
    }

    // `entries` that is no array: skipped, and `found` stays false.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(())
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn indices(json: &str) -> Result<Vec<(usize, Value)>, HarError> {
        let mut seen = Vec::new();
        for_each_entry(json.as_bytes(), |index, entry| seen.push((index, entry)))?;
        Ok(seen)
    }

    #[test]
    fn entries_are_handed_over_in_order_and_the_rest_skipped() {
        let json = r#"{"x": [1, {"log": 2}], "log": {"version": "1.2", "pages": [{"id": 1}],
                       "entries": [{"a": 1}, {"b": [2]}], "after": null}, "z": "end"}"#;
        let seen = indices(json).unwrap();
        assert_eq!(
            seen,
            [
                (0, serde_json::json!({"a": 1})),
                (1, serde_json::json!({"b": [2]}))
            ]
        );
    }

    #[test]
    fn what_is_no_capture_says_why() {
        for (json, why) in [
            ("{", "not JSON"),
            ("[]", "no `log.entries` array"),
            (r#"{"log": {"entries": {}}}"#, "no `log.entries` array"),
            (r#"{"log": {"entries": [1]}} trailing"#, "not JSON"),
        ] {
            let error = indices(json).unwrap_err().to_string();
            assert!(error.contains(why), "{json}: {error}");
        }
    }
}
