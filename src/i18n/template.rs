//! The `plural` filter: a count's form in the templates,
//! `{{ t | plural(key="count.event", n=stats.events) }}`.

use super::PluralRule;
use std::collections::HashMap;
use tera::Value;

/// The key beside the strings that names the plural rule.
pub(crate) const RULE_KEY: &str = "plural_rule";

/// The filter: `t` (the strings, with their rule), the dotted `key` of a
/// count table and the number `n`.
pub(crate) fn plural_filter(t: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
    let key = args
        .get("key")
        .and_then(Value::as_str)
        .ok_or_else(|| tera::Error::msg("`plural` needs `key`, the count's key (`count.event`)"))?;
    let n = args.get("n").and_then(Value::as_u64).ok_or_else(|| {
        tera::Error::msg(format!("`plural` of `{key}` needs `n`, a whole number"))
    })?;
    let rule = t
        .get(RULE_KEY)
        .and_then(Value::as_str)
        .and_then(PluralRule::named)
        .ok_or_else(|| tera::Error::msg("`plural` is a filter of the strings: `t | plural(…)`"))?;
    let forms = key
        .split('.')
        .try_fold(t, |v, part| v.get(part))
        .and_then(Value::as_object)
        .ok_or_else(|| tera::Error::msg(format!("no count `{key}` in the strings")))?;
    let category = rule.category(n);
    let form = [category, "other", "many", "one"]
        .iter()
        .find_map(|c| forms.get(*c).and_then(Value::as_str))
        .ok_or_else(|| tera::Error::msg(format!("count `{key}` has no forms")))?;
    Ok(Value::String(form.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Strings;

    #[test]
    fn picks_the_form_by_the_rule() {
        let t = serde_json::to_value(Strings::new("ru", &Default::default())).unwrap();
        let args = |n: u64| {
            HashMap::from([
                ("key".to_string(), Value::from("count.actor")),
                ("n".to_string(), Value::from(n)),
            ])
        };
        let form = |n| plural_filter(&t, &args(n)).unwrap();
        assert_eq!(
            [form(1), form(2), form(5)],
            ["участник", "участника", "участников"]
        );
        let err = plural_filter(&Value::Null, &args(1)).unwrap_err();
        assert!(err.to_string().contains("filter of the strings"), "{err}");
    }
}
