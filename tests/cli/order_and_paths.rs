//! Order, parallelism and path display: sorted output for any job count, paths shown relative to
//! the current directory, and a file named several ways processed once.

use crate::common::Project;
use crate::support::{FIXABLE, FIXED, cmd, cmd_at, diff_paths, snapshot_settings};
use insta_cmd::assert_cmd_snapshot;

#[test]
fn diff_is_in_sorted_path_order_and_the_same_for_any_job_count() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    let mut names = vec!["z.py", "a.py", "m/n/o.py", "m/a.py", "B.py", "b.py", "ab/x.py", "a_b.py"]
        .into_iter()
        .map(str::to_owned)
        .collect::<Vec<_>>();
    for i in 0..30 {
        names.push(format!("gen/f{:02}.py", (i * 7) % 30));
    }
    for name in &names {
        p.write(name, FIXABLE);
    }
    let one = p.run(&["diff", "-j", "1"]);
    one.code(1);
    let four = p.run(&["diff", "--jobs", "4"]);
    four.code(1);
    assert_eq!(one.stdout, four.stdout);
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(diff_paths(&one.out()), sorted);
    let again = p.run(&["diff", "-j", "4"]);
    assert_eq!(one.stdout, again.stdout);

    // Paths named in any order come out sorted too.
    assert_cmd_snapshot!(cmd(&p, &["check", "z.py", "m", "a.py"]));
}

#[test]
fn paths_are_shown_relative_to_the_current_directory() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("sub/a.py", FIXABLE);
    p.write("other/b.py", FIXABLE);

    assert_cmd_snapshot!("paths_are_shown_relative_to_the_current_directory_check_dot_sub", cmd(&p, &["check", "./sub"]));
    assert_cmd_snapshot!(
        "paths_are_shown_relative_to_the_current_directory_diff_dot_sub_file",
        cmd(&p, &["diff", "./sub/a.py"])
    );
    let absolute = p.path("sub");
    assert_cmd_snapshot!(
        "paths_are_shown_relative_to_the_current_directory_check_absolute",
        cmd(&p, &["check", absolute.to_str().unwrap()])
    );
    assert_cmd_snapshot!(
        "paths_are_shown_relative_to_the_current_directory_from_sub_dot_dot_files",
        cmd_at(&p, "sub", &["check", "../sub/a.py", "../other/b.py"])
    );
    assert_cmd_snapshot!(
        "paths_are_shown_relative_to_the_current_directory_from_sub_dot_dot",
        cmd_at(&p, "sub", &["check", ".."])
    );
}

#[test]
fn a_path_outside_the_current_directory_is_shown_as_given() {
    let here = Project::new();
    here.write("local.py", FIXABLE);
    let elsewhere = Project::new();
    elsewhere.write("far.py", FIXABLE);
    let _s = snapshot_settings(&here, Some(&elsewhere));
    let given = elsewhere.path("far.py");
    let given = given.to_str().unwrap();

    assert_cmd_snapshot!("a_path_outside_the_current_directory_is_shown_as_given_check", cmd(&here, &["check", given]));
    assert_cmd_snapshot!("a_path_outside_the_current_directory_is_shown_as_given_diff", cmd(&here, &["diff", given]));
}

#[test]
fn a_file_named_several_ways_is_processed_once() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", FIXABLE);
    p.write("d/b.py", FIXABLE);
    let absolute = p.path("a.py");
    let args = ["a.py", "./a.py", absolute.to_str().unwrap(), ".", "d", "d/b.py", "./d/../d/b.py"];
    for command in ["diff", "check", "apply"] {
        assert_cmd_snapshot!(
            format!("a_file_named_several_ways_is_processed_once_{command}"),
            cmd(&p, &[&[command][..], &args].concat())
        );
    }
    assert_eq!(p.read_string("a.py"), FIXED);
    assert_eq!(p.read_string("d/b.py"), FIXED);
}
