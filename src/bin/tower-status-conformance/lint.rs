//! `openapi FILE`: the library's `openapi::lint` on a document file (JSON or YAML).

use tower_status_conformance::openapi;

use crate::{output, Error, OpenapiArgs, Outcome};

pub(crate) fn run(args: OpenapiArgs) -> Result<Outcome, Error> {
    let name = crate::openapi::name(&args.file);
    let document = crate::openapi::document(&args.file)?;
    for skipped in document.skipped() {
        crate::note!("not judged: {skipped}");
    }
    let report = openapi::lint(&document);
    let judged = report.requests().unwrap_or(0);
    crate::note!(
        "checked {judged} documented response(s) of {} operation(s) in {name}{}",
        document.operations(),
        match document.responses() - judged {
            0 => String::new(),
            n => format!(" ({n} under a range or `default`, which have no status to judge)"),
        }
    );
    // A document with nothing to judge is not a pass: CI would not tell it from a clean one.
    if judged == 0 {
        return Err(format!(
            "{name}: no response documented under a status code ({} operation(s))",
            document.operations()
        ));
    }
    let locations: Vec<String> = document.locations().map(str::to_owned).collect();
    output::finish(
        &report,
        &args.report,
        &format!("openapi {name}"),
        &locations,
        false,
    )
}
