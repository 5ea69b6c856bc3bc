//! The README's rules table is rendered from the registry; this test fails when they differ.
//! `BLESS=1 cargo test --test readme` rewrites it.

use tower_status_conformance::Rule;

const START: &str = "<!-- rules:start -->\n";
const END: &str = "<!-- rules:end -->";

fn render() -> String {
    let mut table = String::from(
        "| id | requirement | section | flags | repair | default |\n|---|---|---|---|---|---|\n",
    );
    for &rule in Rule::ALL {
        table += &format!(
            "| `{}` | {} | [{}]({}) | {} | {} | `{:?}` |\n",
            rule.id(),
            rule.requirement().as_str().to_uppercase(),
            rule.spec(),
            rule.spec_url(),
            rule.summary(),
            if rule.can_repair() { "yes" } else { "—" },
            rule.default_action(),
        );
    }
    table
}

#[test]
fn readme_rules_table_matches_the_registry() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).unwrap();
    let start = readme
        .find(START)
        .expect("README has the rules:start marker")
        + START.len();
    let end = readme.find(END).expect("README has the rules:end marker");
    let rendered = render();
    if std::env::var_os("BLESS").is_some() {
        let updated = format!("{}{}{}", &readme[..start], rendered, &readme[end..]);
        std::fs::write(path, updated).unwrap();
        return;
    }
    assert_eq!(
        &readme[start..end],
        rendered,
        "README rules table is stale: run `BLESS=1 cargo test --test readme`"
    );
}
