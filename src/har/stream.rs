//! Reading a capture one entry at a time: `log.entries` is walked as it is parsed, each entry
//! handed over as a `Value` and dropped before the next is read, so memory holds one entry,
//! whatever the file's size. The rest of the document is skipped without being built.

use std::{fmt, io::Read};

use serde::{
    de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor},
    Deserialize as _,
};
use serde_json::Value;

use super::HarError;

/// The scalar visits of a visitor that takes any JSON scalar as `$value`: what is not the
/// object or array it looks for is passed over.
macro_rules! scalars_are {
    ($value:expr) => {
        fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
            Ok($value)
        }

        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok($value)
        }

        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Ok($value)
        }

        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Ok($value)
        }

        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok($value)
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok($value)
        }
    };
}

/// The scalar visits of a visitor that builds a `Value`: each scalar as `serde_json` builds it.
macro_rules! scalars_as_values {
    () => {
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
            Ok(Value::String(v.to_owned()))
        }

        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
            Ok(Value::Bool(v))
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
            Ok(Value::from(v))
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
            Ok(Value::from(v))
        }

        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
            Ok(Value::from(v))
        }

        fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
            Ok(Value::Null)
        }
    };
}

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
    let (mut each, mut found) = (each, false);
    Member {
        name: "log",
        seed: Member {
            name: "entries",
            seed: Entries {
                each: &mut each,
                found: &mut found,
            },
        },
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

/// An object whose member `name` is read with `seed` (its first occurrence), every other
/// member skipped unbuilt; a value that is no object is skipped, the seed unused.
struct Member<S> {
    name: &'static str,
    seed: S,
}

impl<'de, S: DeserializeSeed<'de, Value = ()>> DeserializeSeed<'de> for Member<S> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, S: DeserializeSeed<'de, Value = ()>> Visitor<'de> for Member<S> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object with `{}`", self.name)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seed = Some(self.seed);
        while let Some(named) = map.next_key_seed(KeyIs(self.name))? {
            match seed.take() {
                Some(unused) if named => map.next_value_seed(unused)?,
                unused => {
                    seed = unused;
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(())
    }

    scalars_are!(());
}

/// Whether a key is `self.0`, read without being copied.
struct KeyIs(&'static str);

impl<'de> DeserializeSeed<'de> for KeyIs {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeyIs {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<bool, E> {
        Ok(key == self.0)
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
        while let Some(entry) = seq.next_element_seed(Kept(&ENTRY))? {
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

    scalars_are!(());
}

/// Which members of an object an entry's check reads: the others are parsed past, not built
/// (a browser's entry carries cookies, timings, its initiator's stack and the response's
/// content, which a check never reads). `All` keeps a value whole.
enum Shape {
    All,
    Members(&'static [(&'static str, Self)]),
    /// A `headers` array: each `{"name": …, "value": …}` kept as the pair `[name, value]` (no
    /// map built per field); an element that is not such an object becomes `null`.
    Fields,
}

/// What `exchange` reads of an entry (see `super::exchange` and `super::from_cache`).
static ENTRY: Shape = Shape::Members(&[
    (
        "request",
        Shape::Members(&[
            ("method", Shape::All),
            ("url", Shape::All),
            ("httpVersion", Shape::All),
            ("headers", Shape::Fields),
            ("postData", Shape::Members(&[("text", Shape::All)])),
        ]),
    ),
    (
        "response",
        Shape::Members(&[
            ("status", Shape::All),
            ("httpVersion", Shape::All),
            ("headers", Shape::Fields),
            ("bodySize", Shape::All),
            ("_transferSize", Shape::All),
            ("_fetchedViaServiceWorker", Shape::All),
            ("content", Shape::Members(&[("size", Shape::All)])),
        ]),
    ),
    ("_fromCache", Shape::All),
    ("_fetchedViaServiceWorker", Shape::All),
    ("timings", Shape::All),
]);

/// A value built with only the members its shape names; anything but an object where the
/// shape names members is built whole, for the check to find it is not what it expects.
struct Kept(&'static Shape);

impl<'de> DeserializeSeed<'de> for Kept {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        match self.0 {
            Shape::All => Value::deserialize(deserializer),
            Shape::Members(members) => deserializer.deserialize_any(KeptVisitor(members)),
            Shape::Fields => deserializer.deserialize_any(FieldsVisitor),
        }
    }
}

struct KeptVisitor(&'static [(&'static str, Shape)]);

impl<'de> Visitor<'de> for KeptVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a HAR object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut kept = serde_json::Map::new();
        while let Some(member) = map.next_key_seed(MemberOf(self.0))? {
            match member {
                Some((name, shape)) => {
                    let value = map.next_value_seed(Kept(shape))?;
                    kept.insert((*name).to_owned(), value);
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Value::Object(kept))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Value, A::Error> {
        serde::de::value::SeqAccessDeserializer::new(seq).deserialize_any(ValueOf)
    }

    scalars_as_values!();
}

/// A `headers` array as `[name, value]` pairs (see [`Shape::Fields`]); anything else whole.
struct FieldsVisitor;

impl<'de> Visitor<'de> for FieldsVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a HAR `headers` array")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut fields = Vec::new();
        while let Some(field) = seq.next_element::<Field>()? {
            fields.push(match field {
                Field {
                    name: Some(name),
                    value: Some(value),
                } => Value::Array(vec![Value::String(name), Value::String(value)]),
                _ => Value::Null,
            });
        }
        Ok(Value::Array(fields))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Value, A::Error> {
        Value::deserialize(serde::de::value::MapAccessDeserializer::new(map))
    }

    scalars_as_values!();
}

/// One header field: its `name` and `value` when they are strings, other members skipped.
#[derive(Default)]
struct Field {
    name: Option<String>,
    value: Option<String>,
}

impl<'de> serde::Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(FieldVisitor)
    }
}

struct FieldVisitor;

impl<'de> Visitor<'de> for FieldVisitor {
    type Value = Field;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a HAR header field")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Field, A::Error> {
        static MEMBERS: [(&str, Shape); 2] = [("name", Shape::All), ("value", Shape::All)];
        let mut field = Field::default();
        while let Some(member) = map.next_key_seed(MemberOf(&MEMBERS))? {
            match member.map(|(name, _)| *name) {
                Some(name) => {
                    let text = match map.next_value::<Value>()? {
                        Value::String(text) => Some(text),
                        _ => None,
                    };
                    if name == "name" {
                        field.name = text;
                    } else {
                        field.value = text;
                    }
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(field)
    }

    // Anything but an object is no field (`Field::default()`: `null` in the pairs).
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Field, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Field::default())
    }

    scalars_are!(Field::default());
}

/// A key, looked up among the members kept without being copied: the member, or `None`.
struct MemberOf(&'static [(&'static str, Shape)]);

impl<'de> DeserializeSeed<'de> for MemberOf {
    type Value = Option<&'static (&'static str, Shape)>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for MemberOf {
    type Value = Option<&'static (&'static str, Shape)>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        Ok(self.0.iter().find(|(name, _)| *name == key))
    }
}

/// A whole array, as `serde_json` builds it.
struct ValueOf;

impl<'de> Visitor<'de> for ValueOf {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut values = Vec::new();
        while let Some(value) = seq.next_element::<Value>()? {
            values.push(value);
        }
        Ok(Value::Array(values))
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
                       "entries": [
                         {"pageref": "p", "request": {"method": "GET", "cookies": [1],
                          "headers": [{"name": "a", "value": "b"}]},
                          "response": {"status": 200, "content": {"size": 3, "text": "abc"}},
                          "timings": {}},
                         {"request": "not an object", "response": [1, {"x": 2}]}
                       ], "after": null}, "z": "end"}"#;
        let seen = indices(json).unwrap();
        assert_eq!(
            seen,
            [
                (
                    0,
                    serde_json::json!({
                        "request": {"method": "GET", "headers": [["a", "b"]]},
                        "response": {"status": 200, "content": {"size": 3}},
                        "timings": {}
                    })
                ),
                (
                    1,
                    serde_json::json!({"request": "not an object", "response": [1, {"x": 2}]})
                ),
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
