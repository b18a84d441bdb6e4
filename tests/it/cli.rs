//! The binary's contract: exit codes, output formats and files written, through the real binary.

use crate::support::{polku, stderr};

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

/// A workspace folder with the starter pathway `a`, for tests that add hostile files beside it.
fn starter_workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    polku()
        .args(["new", "a", "--dir"])
        .arg(dir.path())
        .assert()
        .success();
    dir
}

/// Issue 14, item 2: a link in the workspace to a file outside it is never read, so nothing of
/// the file it leads to (secrets in `/proc/self/environ`, `/etc/shadow`) reaches the report.
#[cfg(unix)]
#[test]
fn a_link_to_a_file_outside_the_workspace_is_reported_by_name_and_never_read() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.toml");
    std::fs::write(&secret, "POLKU_SECRET=hunter2 [\n").unwrap();
    let ws = starter_workspace();
    std::os::unix::fs::symlink(&secret, ws.path().join("x.toml")).unwrap();
    std::os::unix::fs::symlink("/proc/self/environ", ws.path().join("env.toml")).unwrap();
    // A link that stays inside is read as before.
    std::os::unix::fs::symlink("a.toml", ws.path().join("same.toml")).unwrap();
    for format in ["text", "json"] {
        let out = polku()
            .env("POLKU_SECRET_ENV", "hunter3")
            .args(["check", "--color", "never", "--format", format])
            .arg(ws.path())
            .output()
            .unwrap();
        let all = format!("{}{}", stderr(&out), String::from_utf8_lossy(&out.stdout));
        assert_eq!(out.status.code(), Some(1), "{all}");
        assert!(!all.contains("hunter"), "nothing of the files shown: {all}");
        assert!(all.contains("x.toml") && all.contains("env.toml"), "{all}");
        assert!(all.contains("outside the workspace folder"), "{all}");
    }
}

/// Issue 14, smaller: a dangling link was skipped without a word; a UTF-16 file was called
/// "probably Latin-1".
#[test]
fn dangling_links_and_utf16_files_are_named_for_what_they_are() {
    let ws = starter_workspace();
    #[cfg(unix)]
    std::os::unix::fs::symlink("gone.toml", ws.path().join("link.toml")).unwrap();
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "[pathway]\nid = \"b\"\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    std::fs::write(ws.path().join("wide.toml"), utf16).unwrap();
    let out = polku()
        .args(["check", "--color", "never"])
        .arg(ws.path())
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    #[cfg(unix)]
    assert!(
        err.contains("link.toml` is a link to a file that does not exist"),
        "{err}"
    );
    assert!(err.contains("looks like UTF-16"), "{err}");
    assert!(!err.contains("Latin-1"), "{err}");
}

/// The numeric user id this test runs as (from /proc; 0 when it cannot be read).
fn uid() -> u32 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("Uid:"))
                .and_then(|l| l.split_whitespace().next()?.parse().ok())
        })
        .unwrap_or(0)
}

/// Issue 14, item 9: one folder that cannot be listed stopped `check` (exit 2, nothing checked).
/// As root, permissions do not stop a read, so the binary runs as `nobody` (util-linux setpriv).
#[cfg(unix)]
#[test]
fn an_unreadable_folder_is_one_diagnostic_and_the_rest_is_checked() {
    use std::os::unix::fs::PermissionsExt;
    let ws = starter_workspace();
    let locked = ws.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::write(locked.join("c.toml"), "[pathway]\n").unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::set_permissions(ws.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    for f in std::fs::read_dir(ws.path()).unwrap().flatten() {
        if f.path().is_file() {
            std::fs::set_permissions(f.path(), std::fs::Permissions::from_mode(0o644)).unwrap();
        }
    }
    // A copy of the binary that `nobody` may run wherever the build folder is.
    let bin_dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(bin_dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let binary = bin_dir.path().join("polku");
    std::fs::copy(assert_cmd::cargo::cargo_bin("polku"), &binary).unwrap();
    std::fs::set_permissions(&binary, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut command = if uid() == 0 {
        let mut c = std::process::Command::new("setpriv");
        c.args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            "--inh-caps=-all",
        ])
        .arg(&binary);
        c
    } else {
        std::process::Command::new(&binary)
    };
    let out = command
        .args(["check", "--color", "never"])
        .arg(ws.path())
        .output()
        .unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("cannot list the folder"), "{err}");
    assert!(err.contains("locked"), "{err}");
    assert!(err.contains(": 1 pathways,"), "the rest is checked: {err}");
}

/// Issue 14, item 3: `export -o pathways/actors.toml` overwrote a source file of the workspace.
#[test]
fn outputs_are_never_written_over_the_workspace_files() {
    let ws = starter_workspace();
    let source = ws.path().join("a.toml");
    let before = std::fs::read(&source).unwrap();
    let commands: [&[&str]; 4] = [
        &["export", "--format", "json"],
        &["analyze"],
        &["render", "--pathway", "a", "--format", "svg"],
        &["export", "--format", "mermaid"],
    ];
    for args in commands {
        for target in ["a.toml", "new.toml", "sub/../a.toml"] {
            let out = polku()
                .args(args)
                .arg(ws.path())
                .arg("-o")
                .arg(ws.path().join(target))
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(2), "{args:?} {target}");
            assert!(
                stderr(&out).contains("polku never writes over the files it reads"),
                "{}",
                stderr(&out)
            );
        }
    }
    assert_eq!(std::fs::read(&source).unwrap(), before);
    assert!(!ws.path().join("new.toml").exists());
}

/// Issue 14, item 3: a file of thousands of errors printed them all. Repeats of one code in one
/// file are capped, with a count of the rest; `--max-repeats 0` and JSON show every one.
#[test]
fn repeated_diagnostics_are_capped_per_file_and_code_with_a_count() {
    let ws = tempfile::tempdir().unwrap();
    let mut text = String::new();
    for i in 0..300 {
        text.push_str(&format!(
            "[[actor]]\nid = \"a{i}\"\nname = \"A\"\nkind = \"municipality\"\ncolour = 1\n\n"
        ));
    }
    std::fs::write(ws.path().join("actors.toml"), text).unwrap();
    let check = |extra: &[&str]| {
        polku()
            .args(["check", "--color", "never"])
            .args(extra)
            .arg(ws.path())
            .output()
            .unwrap()
    };
    let out = check(&[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(err.matches("error[E0004]").count(), 10, "{err}");
    assert!(
        err.contains("290 more E0004 unknown-field in `"),
        "the rest counted: {err}"
    );
    assert!(err.contains("300 errors"), "the summary counts all: {err}");
    let all = stderr(&check(&["--max-repeats", "0"]));
    assert_eq!(all.matches("error[E0004]").count(), 300);
    let json = check(&["--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report["diagnostics"].as_array().unwrap().len(), 300);
}

/// Issue 14, item 4: raw ESC, BEL and NUL from a file reached the terminal (a file could
/// retitle or clear it); bidi overrides and zero-width characters are shown, not obeyed.
#[test]
fn control_and_invisible_characters_are_shown_escaped() {
    let ws = tempfile::tempdir().unwrap();
    std::fs::write(
        ws.path().join("a.toml"),
        "[[actor]]\nid = \"x\"\nname = \"\u{1b}]0;pwned\u{7}\u{202e}abc\u{200b}\"\nkind = \"nope\u{1b}[2J\"\n\u{0}\n",
    )
    .unwrap();
    let out = polku()
        .args(["check", "--color", "never"])
        .arg(ws.path())
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    for raw in ['\u{1b}', '\u{7}', '\u{0}', '\u{202e}', '\u{200b}'] {
        assert!(!err.contains(raw), "{raw:?} printed raw: {err}");
    }
    assert!(
        err.contains("name = \"\\u{001B}]0;pwned\\u{0007}\\u{202E}abc\\u{200B}\""),
        "escaped where it was: {err}"
    );
    assert!(
        err.contains("a.toml:3:9"),
        "lines and columns as in the file: {err}"
    );
    assert!(
        err.contains("a.toml:5:2"),
        "columns count the character, not its escape: {err}"
    );
}

/// Issue 14, item 7: one line of 100,000 `[` printed 81 errors (80 the same), 16 MB, in 24 s.
#[test]
fn a_syntax_error_cascade_is_one_error_and_long_lines_are_cut_around_the_problem() {
    let ws = tempfile::tempdir().unwrap();
    std::fs::write(
        ws.path().join("x.toml"),
        format!("a = {}\n", "[".repeat(100_000)),
    )
    .unwrap();
    let out = polku()
        .args(["check", "--color", "never"])
        .arg(ws.path())
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(err.matches("error[E0002]").count() <= 3, "{err}");
    assert!(err.contains("more times after this one"), "{err}");
    assert!(err.len() < 10_000, "{} bytes", err.len());
    assert!(err.contains("x.toml:1:"), "{err}");
}

/// Issue 14, smaller: `[actor]` then `[[actor]]` said "duplicate key" at the second header only,
/// and the file vanished from the summary ("0 pathways") without a word.
#[test]
fn a_duplicate_key_points_at_its_first_definition_and_the_summary_says_the_file_is_left_out() {
    let ws = tempfile::tempdir().unwrap();
    std::fs::write(
        ws.path().join("a.toml"),
        "[pathway]\nid = \"p\"\ntitle = \"P\"\n\n[actor]\nid = \"a\"\n\n[[actor]]\nid = \"b\"\n",
    )
    .unwrap();
    std::fs::write(
        ws.path().join("b.toml"),
        "[[actor]]\nid = \"x\"\nname = \"A\"\nkind = \"municipality\"\nname = \"B\"\n",
    )
    .unwrap();
    let out = polku()
        .args(["check", "--color", "never"])
        .arg(ws.path())
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.matches("duplicate key").count(), 2, "{err}");
    assert!(err.contains("5 │ [actor]"), "{err}");
    assert!(err.contains("3 │ name = \"A\""), "{err}");
    assert_eq!(err.matches("first written here").count(), 2, "{err}");
    assert!(
        err.contains("(2 files left out until their errors are fixed)"),
        "{err}"
    );
}

/// Not run by itself: [`a_skip_shows_in_a_plain_cargo_test`] runs it in a child process.
#[test]
#[ignore = "run by a_skip_shows_in_a_plain_cargo_test"]
fn skips_as_a_demonstration() {
    crate::support::skip("the demonstration tool is missing", "nothing, it is a test");
}

#[test]
fn a_skip_shows_in_a_plain_cargo_test() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("skipped.txt");
    // This very test binary, as `cargo test` runs it: output captured, no --nocapture.
    let run = |ci: Option<&str>| {
        let mut cmd = std::process::Command::new(std::env::current_exe().unwrap());
        cmd.args(["--ignored", "--exact", "cli::skips_as_a_demonstration"])
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

/// Review of issue 14: a link to a named pipe hung every command (opening a pipe waits for a
/// writer), and a link into a hidden folder (`.git`, `.env`) was read although discovery skips it.
#[cfg(unix)]
#[test]
fn pipes_are_not_opened_and_links_into_hidden_folders_are_not_read() {
    let ws = starter_workspace();
    let fifo = ws.path().join("pipe");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    std::os::unix::fs::symlink("pipe", ws.path().join("p.toml")).unwrap();
    std::fs::create_dir(ws.path().join(".secret")).unwrap();
    std::fs::write(
        ws.path().join(".secret/key.toml"),
        "POLKU_HIDDEN_SECRET [\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(".secret/key.toml", ws.path().join("k.toml")).unwrap();
    let out = polku()
        .args(["check", "--color", "never"])
        .arg(ws.path())
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("p.toml` is not a regular file"), "{err}");
    assert!(err.contains("k.toml` is a link to a file outside"), "{err}");
    assert!(!err.contains("POLKU_HIDDEN_SECRET"), "{err}");
}
