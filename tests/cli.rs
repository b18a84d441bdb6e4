//! The binary's contract: exit codes, output formats and files written, through the real binary.

mod common;
use common::polku;

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn shipped_pathways_check_without_errors() {
    // The shipped pathways tell of real problems, so they have findings (warnings), not errors.
    let out = polku().args(["check", "pathways"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains(" 0 errors, "), "{}", stderr(&out));
}

#[test]
fn check_defaults_to_the_pathways_folder() {
    let out = polku().arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("in `pathways`"));
}

#[test]
fn errors_exit_1_and_name_file_line_and_column() {
    let out = polku()
        .args([
            "check",
            "tests/fixtures/invalid/e0009-unknown-reference",
            "--color",
            "never",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("error[E0009]: unknown service `nuorisoasma`"),
        "{err}"
    );
    assert!(
        err.contains("e0009-unknown-reference/pathway.toml:34:6"),
        "{err}"
    );
    assert!(err.contains("help: did you mean `nuorisoasema`?"), "{err}");
    assert!(err.contains("— 1 error, "), "{err}");
}

#[test]
fn warnings_pass_unless_denied() {
    let dir = "tests/fixtures/findings/g0206-dead-end/trigger";
    assert_eq!(
        polku().args(["check", dir]).output().unwrap().status.code(),
        Some(0)
    );
    let denied = polku()
        .args(["check", dir, "--deny", "warnings"])
        .output()
        .unwrap();
    assert_eq!(denied.status.code(), Some(1));
}

#[test]
fn a_missing_folder_exits_2_with_advice() {
    let out = polku().args(["check", "no/such/folder"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("does not exist"), "{}", stderr(&out));
    let out = polku().args(["check", "Cargo.toml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is a file"));
}

#[test]
fn bad_arguments_exit_2() {
    let out = polku().args(["check", "--format", "xml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn json_format_is_machine_readable() {
    let out = polku()
        .args([
            "check",
            "tests/fixtures/invalid/five-errors-three-files",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["errors"], 5);
    assert_eq!(report["files"], 3);
    let first = &report["diagnostics"][0];
    assert_eq!(first["code"], "E0005");
    assert_eq!(first["name"], "unknown-value");
    assert_eq!(first["position"]["line"], 4);
    assert_eq!(first["position"]["column"], 8);
}

#[test]
fn new_writes_a_starter_that_checks_clean_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    let out = polku()
        .args(["new", "nuorten-polku", "--dir"])
        .arg(&ws)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let file = ws.join("nuorten-polku.toml");
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(written.contains("id = \"nuorten-polku\""));

    let check = polku()
        .arg("check")
        .arg(&ws)
        .args(["--deny", "warnings"])
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));

    std::fs::write(&file, "# edited by hand\n").unwrap();
    let again = polku()
        .args(["new", "nuorten-polku", "--dir"])
        .arg(&ws)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "# edited by hand\n"
    );
}

#[test]
fn new_refuses_a_name_that_is_not_an_id() {
    let dir = tempfile::tempdir().unwrap();
    let out = polku()
        .args(["new", "Nuorten Päihdepolku", "--dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("try `nuorten-paihdepolku`"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn schema_is_json_schema_of_the_format() {
    let out = polku().arg("schema").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema["title"], "polku pathway file");
    assert!(
        schema["$schema"]
            .as_str()
            .unwrap()
            .contains("json-schema.org")
    );
    for key in [
        "pathway", "actor", "need", "service", "handoff", "profile", "clock",
    ] {
        assert!(schema["properties"].get(key).is_some(), "no {key}");
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("polku.schema.json");
    let out = polku().args(["schema", "-o"]).arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(written, schema);
}

#[test]
fn help_lists_the_commands() {
    let out = polku().arg("--help").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    for cmd in ["check", "new", "schema"] {
        assert!(text.contains(cmd), "{text}");
    }
}

/// Not run by itself: [`a_skip_shows_in_a_plain_cargo_test`] runs it in a child process.
#[test]
#[ignore = "run by a_skip_shows_in_a_plain_cargo_test"]
fn skips_as_a_demonstration() {
    common::skip("the demonstration tool is missing", "nothing, it is a test");
}

#[test]
fn a_skip_shows_in_a_plain_cargo_test() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("skipped.txt");
    // This very test binary, as `cargo test` runs it: output captured, no --nocapture.
    let run = |ci: Option<&str>| {
        let mut cmd = std::process::Command::new(std::env::current_exe().unwrap());
        cmd.args(["--ignored", "--exact", "skips_as_a_demonstration"])
            .env_remove("CI")
            .env("POLKU_SKIP_LOG", &log);
        if let Some(ci) = ci {
            cmd.env("CI", ci);
        }
        cmd.output().unwrap()
    };
    let out = run(None);
    assert!(out.status.success(), "{out:?}");
    let line = "skipped: cli::skips_as_a_demonstration: the demonstration tool is missing; \
                install with `nothing, it is a test`";
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(line), "not shown: {stderr}");
    let listed = std::fs::read_to_string(&log).unwrap();
    let lines: Vec<&str> = listed.lines().collect();
    assert_eq!(lines.len(), 2, "{listed}");
    assert!(lines[0].starts_with("run "), "{listed}");
    assert_eq!(lines[1], line);
    // In CI a skip fails the test.
    let out = run(Some("true"));
    assert!(!out.status.success(), "a skip passed in CI");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("CI must have it: nothing, it is a test"),
        "{out:?}"
    );
}
