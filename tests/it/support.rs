//! What every feature's tests use.

use assert_cmd::Command;

/// The polku binary of this build.
pub fn polku() -> Command {
    Command::cargo_bin("polku").unwrap()
}

/// A finished command's standard error as text.
pub fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}
