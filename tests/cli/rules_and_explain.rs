//! `pitfix rules` and `pitfix explain`.

use crate::common::Project;
use crate::support::{cmd, snapshot_settings};
use insta_cmd::assert_cmd_snapshot;

#[test]
fn rules_lists_is_literal() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    assert_cmd_snapshot!(cmd(&p, &["rules"]));
}

#[test]
fn explain_prints_the_readme() {
    let p = Project::new();
    let run = p.run(&["explain", "is-literal"]);
    run.code(0);
    assert_eq!(run.out(), include_str!("../../transforms/is-literal/README.md"));
}
