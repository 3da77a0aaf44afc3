//! Ghost's filter language (NQL), parsed into a tree the store turns into
//! SQL with its query builder: values are always bound, never pasted.
//!
//! ```text
//! filter   = or
//! or       = and { "," and }
//! and      = term { "+" term }
//! term     = "(" or ")" | field ":" [ "-" ] ( "[" value { "," value } "]" | [ op ] value )
//! op       = ">" | ">=" | "<" | "<=" | "~" | "~^" | "~$"
//! value    = 'quoted \' string' | bare word (letters, digits, - _ . : and spaces inside)
//! ```

use std::fmt;

/// How a field is compared with a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Eq,
    Gt,
    Gte,
    Lt,
    Lte,
    /// `~`: contains.
    Contains,
    /// `~^`: starts with.
    StartsWith,
    /// `~$`: ends with.
    EndsWith,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(String),
    Number(f64),
    Bool(bool),
    Null,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Filter {
    /// `field:value`, `field:-value`, `field:>value`…
    Compare {
        field: String,
        op: Op,
        not: bool,
        value: Value,
    },
    /// `field:[a,b]` or `field:-[a,b]`.
    In {
        field: String,
        not: bool,
        values: Vec<Value>,
    },
    And(Vec<Filter>),
    Or(Vec<Filter>),
}

/// Why a filter could not be read; the message says where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NqlError {
    pub message: String,
    pub at: usize,
}

impl fmt::Display for NqlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at character {})", self.message, self.at + 1)
    }
}

/// Filters longer than this are refused (a query is built from each part).
pub const MAX_FILTER_LEN: usize = 2000;
const MAX_DEPTH: usize = 16;

struct Parser<'a> {
    src: &'a [u8],
    text: &'a str,
    pos: usize,
    depth: usize,
}

pub fn parse(filter: &str) -> Result<Filter, NqlError> {
    if filter.len() > MAX_FILTER_LEN {
        return Err(NqlError { message: format!("the filter is longer than {MAX_FILTER_LEN} characters"), at: 0 });
    }
    let mut p = Parser { src: filter.as_bytes(), text: filter, pos: 0, depth: 0 };
    p.skip_ws();
    if p.at_end() {
        return Err(p.error("the filter is empty"));
    }
    let f = p.or()?;
    p.skip_ws();
    if !p.at_end() {
        return Err(p.error(&format!("unexpected {:?}", p.rest_char())));
    }
    Ok(f)
}

impl Parser<'_> {
    fn error(&self, message: &str) -> NqlError {
        NqlError { message: message.to_owned(), at: self.pos }
    }

    fn at_end(&self) -> bool {
        self.pos >= self.src.len()
    }

    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    fn rest_char(&self) -> char {
        self.text[self.pos..].chars().next().unwrap_or(' ')
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(|c| c == b' ') {
            self.pos += 1;
        }
    }

    fn eat(&mut self, c: u8) -> bool {
        self.skip_ws();
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn or(&mut self) -> Result<Filter, NqlError> {
        let mut parts = vec![self.and()?];
        while self.eat(b',') {
            parts.push(self.and()?);
        }
        Ok(if parts.len() == 1 { parts.remove(0) } else { Filter::Or(parts) })
    }

    fn and(&mut self) -> Result<Filter, NqlError> {
        let mut parts = vec![self.term()?];
        while self.eat(b'+') {
            parts.push(self.term()?);
        }
        Ok(if parts.len() == 1 { parts.remove(0) } else { Filter::And(parts) })
    }

    fn term(&mut self) -> Result<Filter, NqlError> {
        self.skip_ws();
        if self.eat(b'(') {
            self.depth += 1;
            if self.depth > MAX_DEPTH {
                return Err(self.error("too many parentheses"));
            }
            let inner = self.or()?;
            if !self.eat(b')') {
                return Err(self.error("a ')' is missing"));
            }
            self.depth -= 1;
            return Ok(inner);
        }
        let field = self.field()?;
        if !self.eat(b':') {
            return Err(self.error(&format!("expected ':' after {field:?}")));
        }
        let not = self.eat(b'-');
        if self.eat(b'[') {
            let mut values = vec![self.value()?];
            while self.eat(b',') {
                values.push(self.value()?);
            }
            if !self.eat(b']') {
                return Err(self.error("a ']' is missing"));
            }
            return Ok(Filter::In { field, not, values });
        }
        let op = self.op();
        let value = self.value()?;
        Ok(Filter::Compare { field, op, not, value })
    }

    fn field(&mut self) -> Result<String, NqlError> {
        self.skip_ws();
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'.') {
            self.pos += 1;
        }
        if start == self.pos {
            return Err(self.error("expected a field name"));
        }
        Ok(self.text[start..self.pos].to_owned())
    }

    fn op(&mut self) -> Op {
        self.skip_ws();
        let two = self.src.get(self.pos..self.pos + 2);
        let (op, len) = match two {
            Some(b">=") => (Op::Gte, 2),
            Some(b"<=") => (Op::Lte, 2),
            Some(b"~^") => (Op::StartsWith, 2),
            Some(b"~$") => (Op::EndsWith, 2),
            _ => match self.peek() {
                Some(b'>') => (Op::Gt, 1),
                Some(b'<') => (Op::Lt, 1),
                Some(b'~') => (Op::Contains, 1),
                _ => (Op::Eq, 0),
            },
        };
        self.pos += len;
        op
    }

    fn value(&mut self) -> Result<Value, NqlError> {
        self.skip_ws();
        if self.peek() == Some(b'\'') || self.peek() == Some(b'"') {
            let quote = self.peek().unwrap_or(b'\'');
            self.pos += 1;
            let mut out = String::new();
            loop {
                let Some(c) = self.rest_char_opt() else { return Err(self.error("a closing quote is missing")) };
                self.pos += c.len_utf8();
                match c {
                    '\\' => {
                        let Some(next) = self.rest_char_opt() else {
                            return Err(self.error("a closing quote is missing"));
                        };
                        self.pos += next.len_utf8();
                        out.push(next);
                    }
                    c if c as u32 == u32::from(quote) => return Ok(Value::Text(out)),
                    c => out.push(c),
                }
            }
        }
        let start = self.pos;
        while let Some(c) = self.rest_char_opt() {
            if matches!(c, ',' | '+' | '(' | ')' | '[' | ']' | '\'' | '"') {
                break;
            }
            self.pos += c.len_utf8();
        }
        let word = self.text[start..self.pos].trim();
        if word.is_empty() {
            return Err(self.error("expected a value"));
        }
        Ok(match word {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            "null" => Value::Null,
            w => match w.parse::<f64>() {
                Ok(n) if w.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b'-') => Value::Number(n),
                _ => Value::Text(w.to_owned()),
            },
        })
    }

    fn rest_char_opt(&self) -> Option<char> {
        self.text.get(self.pos..).and_then(|r| r.chars().next())
    }
}

/// A field's value on a thing filtered in memory (tags, authors).
#[derive(Clone, Debug, PartialEq)]
pub enum Field<'a> {
    Text(&'a str),
    Number(i64),
}

impl Filter {
    /// Whether something whose fields `get` returns matches the filter;
    /// an unknown field is an error naming it.
    pub fn matches<'a>(&self, get: &impl Fn(&str) -> Option<Field<'a>>) -> Result<bool, String> {
        let value_matches = |field: &str, op: Op, v: &Value| -> Result<bool, String> {
            let Some(have) = get(field) else { return Err(format!("cannot filter by {field:?}")) };
            Ok(match (have, v) {
                (Field::Text(h), Value::Text(w)) => {
                    let (h, w) = (h.to_lowercase(), w.to_lowercase());
                    match op {
                        Op::Eq => h == w,
                        Op::Contains => h.contains(&w),
                        Op::StartsWith => h.starts_with(&w),
                        Op::EndsWith => h.ends_with(&w),
                        Op::Gt => h > w,
                        Op::Gte => h >= w,
                        Op::Lt => h < w,
                        Op::Lte => h <= w,
                    }
                }
                (Field::Number(h), Value::Number(w)) => {
                    let w = *w as i64;
                    match op {
                        Op::Eq => h == w,
                        Op::Gt => h > w,
                        Op::Gte => h >= w,
                        Op::Lt => h < w,
                        Op::Lte => h <= w,
                        _ => return Err(format!("{field} is a number")),
                    }
                }
                (Field::Number(h), Value::Text(w)) => w.parse::<i64>().is_ok_and(|w| h == w) && op == Op::Eq,
                (Field::Text(h), Value::Number(w)) => op == Op::Eq && h == w.to_string(),
                (_, Value::Null) => false,
                (_, Value::Bool(_)) => return Err(format!("{field} is not true or false")),
            })
        };
        match self {
            Filter::Compare { field, op, not, value } => Ok(value_matches(field, *op, value)? != *not),
            Filter::In { field, not, values } => {
                let mut any = false;
                for v in values {
                    any |= value_matches(field, Op::Eq, v)?;
                }
                Ok(any != *not)
            }
            Filter::And(parts) => {
                for p in parts {
                    if !p.matches(get)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            Filter::Or(parts) => {
                for p in parts {
                    if p.matches(get)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cmp(field: &str, op: Op, not: bool, value: Value) -> Filter {
        Filter::Compare { field: field.into(), op, not, value }
    }

    fn text(s: &str) -> Value {
        Value::Text(s.into())
    }

    #[test]
    fn reads_the_forms_ghost_documents() {
        let table: Vec<(&str, Filter)> = vec![
            ("featured:true", cmp("featured", Op::Eq, false, Value::Bool(true))),
            ("tag:harbour", cmp("tag", Op::Eq, false, text("harbour"))),
            ("tag:-harbour", cmp("tag", Op::Eq, true, text("harbour"))),
            (
                "tags.slug:[harbour,politics]",
                Filter::In { field: "tags.slug".into(), not: false, values: vec![text("harbour"), text("politics")] },
            ),
            ("slug:-[a,b]", Filter::In { field: "slug".into(), not: true, values: vec![text("a"), text("b")] }),
            ("published_at:>'2026-09-01 10:00:00'", cmp("published_at", Op::Gt, false, text("2026-09-01 10:00:00"))),
            ("published_at:<=2026-09-01", cmp("published_at", Op::Lte, false, text("2026-09-01"))),
            ("reading_time:>=5", cmp("reading_time", Op::Gte, false, Value::Number(5.0))),
            ("title:~'quay'", cmp("title", Op::Contains, false, text("quay"))),
            ("title:~^'Quay'", cmp("title", Op::StartsWith, false, text("Quay"))),
            ("title:~$'again'", cmp("title", Op::EndsWith, false, text("again"))),
            ("title:'It\\'s here'", cmp("title", Op::Eq, false, text("It's here"))),
            ("canonical_url:null", cmp("canonical_url", Op::Eq, false, Value::Null)),
            (
                "tag:a+featured:true,author:b",
                Filter::Or(vec![
                    Filter::And(vec![
                        cmp("tag", Op::Eq, false, text("a")),
                        cmp("featured", Op::Eq, false, Value::Bool(true)),
                    ]),
                    cmp("author", Op::Eq, false, text("b")),
                ]),
            ),
            (
                "tag:a+(author:b,author:c)",
                Filter::And(vec![
                    cmp("tag", Op::Eq, false, text("a")),
                    Filter::Or(vec![cmp("author", Op::Eq, false, text("b")), cmp("author", Op::Eq, false, text("c"))]),
                ]),
            ),
        ];
        for (src, want) in table {
            assert_eq!(parse(src), Ok(want), "{src}");
        }
    }

    #[test]
    fn filters_match_in_memory() {
        let get = |f: &str| match f {
            "slug" => Some(Field::Text("harbour")),
            "name" => Some(Field::Text("Harbour")),
            "visibility" => Some(Field::Text("public")),
            "id" => Some(Field::Number(7)),
            _ => None,
        };
        for (src, want) in [
            ("slug:harbour", true),
            ("slug:-harbour", false),
            ("slug:[ferry,harbour]", true),
            ("name:~^'harb'", true),
            ("visibility:public+id:>5", true),
            ("id:<5,slug:ferry", false),
        ] {
            assert_eq!(parse(src).expect(src).matches(&get), Ok(want), "{src}");
        }
        assert!(parse("colour:red").expect("parses").matches(&get).is_err());
    }

    #[test]
    fn refuses_what_is_not_a_filter_and_says_where() {
        for (src, at) in [
            ("", 0),
            ("tag", 3),
            ("tag:", 4),
            ("tag:a+", 6),
            ("(tag:a", 6),
            ("tag:[a,b", 8),
            ("title:'open", 11),
            ("tag:a)", 5),
            (":a", 0),
        ] {
            let err = parse(src).expect_err(src);
            assert_eq!(err.at, at, "{src}: {err}");
        }
        assert!(parse(&"(".repeat(40)).is_err());
        assert!(parse(&"tag:a,".repeat(500)).is_err(), "too long");
    }
}
