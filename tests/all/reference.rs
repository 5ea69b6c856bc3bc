//! The rule counts in README.md and the reference in RULES.md are rendered from the rules'
//! declarations; these tests fail when the committed files differ. `BLESS=1 cargo test --test
//! reference` rewrites them.

use tower_status_conformance::{Action, Requirement, Rule, Scope};

const START: &str = "<!-- rules:start -->\n";
const END: &str = "<!-- rules:end -->";

fn requirement(rule: Rule) -> &'static str {
    match rule.requirement() {
        Requirement::Must => "MUST",
        Requirement::Should => "SHOULD",
        _ => "advisory",
    }
}

fn default(rule: Rule) -> String {
    if rule.scope() == Scope::Sweep {
        return "sweep".to_owned();
    }
    if rule.scope() == Scope::Contract {
        return format!("`{:?}` with a contract", rule.default_action());
    }
    match rule.default_action() {
        Action::Allow => "off (opt-in)".to_owned(),
        action => format!("`{action:?}`"),
    }
}

fn table() -> String {
    let mut table = String::from(
        "| id | requirement | section | flags | repair | default |\n|---|---|---|---|---|---|\n",
    );
    for &rule in Rule::ALL {
        table += &format!(
            "| [`{}`](RULES.md#{}) | {} | [{}]({}) | {} | {} | {} |\n",
            rule.id(),
            rule.id(),
            requirement(rule),
            rule.spec(),
            rule.spec_url(),
            rule.summary(),
            if rule.can_repair() { "yes" } else { "—" },
            default(rule),
        );
    }
    table
}

fn counts() -> String {
    let count = |f: &dyn Fn(Rule) -> bool| Rule::ALL.iter().filter(|r| f(**r)).count();
    let req = |want: Requirement| count(&|r: Rule| r.requirement() == want);
    let act =
        |want: Action| count(&|r: Rule| r.scope() == Scope::Exchange && r.default_action() == want);
    format!(
        "{} rules: {} MUST, {} SHOULD, {} advisory. The layer checks {} on each exchange: by default {} repair, {} reject, {} log, {} are off until enabled. A [sweep](RULES.md#sweep-rules) checks {} by comparing exchanges, and {} judge a response against an [API document's contract](RULES.md#contract-rules) when one is set. {} can also be decided from an OpenAPI document (`tower-status-conformance openapi`; each says how). A level is that of the sentence the rule cites, and only where the sentence binds the server that sent the response: a MUST on a cache or a client, a status used against its definition and an \"ought to\" are advisory.\n",
        Rule::COUNT,
        req(Requirement::Must),
        req(Requirement::Should),
        req(Requirement::Advisory),
        count(&|r: Rule| r.scope() == Scope::Exchange),
        act(Action::Repair),
        act(Action::Reject),
        act(Action::Log),
        act(Action::Allow),
        count(&|r: Rule| r.scope() == Scope::Sweep),
        count(&|r: Rule| r.scope() == Scope::Contract),
        count(&|r: Rule| r.openapi().is_some()),
    )
}

/// The explanation without rustdoc's leading space on each line, its intra-doc links made
/// Markdown links.
fn explanation(rule: Rule) -> String {
    const DOCS: &str = "https://docs.rs/tower-status-conformance/latest/tower_status_conformance";
    rule.explanation()
        .replace("](crate::sweep)", "](#sweep-rules)")
        .replace(
            "](crate::sweep::Target::methods)",
            &format!("]({DOCS}/sweep/struct.Target.html#method.methods)"),
        )
        .lines()
        .map(|line| line.strip_prefix(' ').unwrap_or(line))
        .collect::<Vec<_>>()
        .join("\n")
}

fn reference() -> String {
    let mut out = counts();
    out += "\n";
    out += &table();
    // By scope, each in index order: the layer's, the sweep's, the contract's.
    let by_scope = [Scope::Exchange, Scope::Sweep, Scope::Contract].map(|scope| {
        Rule::ALL
            .iter()
            .copied()
            .filter(move |rule| rule.scope() == scope)
    });
    for (section, rules) in ["", SWEEP_SECTION, CONTRACT_SECTION]
        .into_iter()
        .zip(by_scope)
    {
        out += section;
        for rule in rules {
            out += &section_of(rule);
        }
    }
    out
}

/// A rule's section of `RULES.md`.
fn section_of(rule: Rule) -> String {
    let mut out = format!(
        "\n## {id}\n\n**{}** · [{}]({}) · default {} · {}\n\n{}\n\n### Repair\n\n{}\n\n### Example\n\nFlagged:\n\n```http\n{}```\n\nNot flagged:\n\n```http\n{}```\n",
        requirement(rule),
        rule.spec(),
        rule.spec_url(),
        default(rule),
        rule.summary(),
        explanation(rule).trim(),
        rule.repair().unwrap_or("None: `Repair` falls back to `Log`."),
        render(rule.example()),
        render(rule.near_miss()),
        id = rule.id(),
    );
    if let Some(documented) = rule.openapi() {
        out += &format!(
            "\n### In an OpenAPI document\n\nFlagged by `tower-status-conformance openapi`: {documented}.\n"
        );
    }
    out
}

/// One exchange, or the exchanges of a sweep rule's example (separated by `~~~`).
fn render(text: &str) -> String {
    text.split("\n~~~\n")
        .map(crate::support::exchange::render)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Opens the part of `RULES.md` on the rules judged against an API document's contract.
const CONTRACT_SECTION: &str = "
# Contract rules

These rules judge a response against the contract of an API document: the statuses each
operation documents. They are checked only where a contract is set — `StatusConformanceLayer::contract`
(the `openapi` feature; `openapi::Document::contract` reads it from an OpenAPI 3.0 or 3.1
document), and `--openapi FILE --contract` on `sweep`, `proxy` and `check` — and cost
nothing otherwise. Their examples are judged against a document whose `/items/{id}` declares
`get` (documenting 200 and 404) and `delete` (documenting 204).
";

/// Opens the part of `RULES.md` on the rules only a sweep checks.
const SWEEP_SECTION: &str = "
# Sweep rules

These rules compare exchanges about one resource, so the layer, which sees one exchange at a
time, cannot check them: [`sweep::Sweep`](https://docs.rs/tower-status-conformance/latest/tower_status_conformance/sweep/)
sends a bounded set of requests to each target (GET/HEAD pairs, every standard method and an
unknown one, QUERY where a target declares it, validator replays, ranges, in HTTP/1.0, 1.1 and
2 — at most 16 per target and version) and reports them with the single-exchange findings. Their examples show the exchanges
compared, in the order sent. Two requirements the sweep exercises are judged by single-exchange
rules on the replayed request: a matching `If-None-Match` answered 2xx is
[`if-none-match-ignored`](#if-none-match-ignored), a replayed `If-Modified-Since` answered 200
is [`if-modified-since-ignored`](#if-modified-since-ignored), a 416 to an unknown range unit is
[`range-not-satisfiable-unknown-unit`](#range-not-satisfiable-unknown-unit).
";

fn check_or_bless(file: &str, rendered: &str) {
    check_or_bless_between(file, START, END, rendered);
}

/// Compares what lies between `start` and `end` in `file` with `rendered`, or writes it there
/// under `BLESS=1`.
pub(crate) fn check_or_bless_between(file: &str, start: &str, end: &str, rendered: &str) {
    let path = format!("{}/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("{file}: no {start:?}"))
        + start.len();
    let to = text
        .find(end)
        .unwrap_or_else(|| panic!("{file}: no {end:?}"));
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&path, format!("{}{rendered}{}", &text[..from], &text[to..])).unwrap();
        return;
    }
    assert!(
        text[from..to] == *rendered,
        "{file} is stale: run `BLESS=1 cargo test --all-features --test all -- reference:: coverage::`"
    );
}

#[test]
fn readme_rule_counts_match_the_declarations() {
    check_or_bless("README.md", &counts());
}

#[test]
fn rules_reference_matches_the_declarations() {
    check_or_bless("RULES.md", &reference());
}
