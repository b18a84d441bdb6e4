//! The `polku` command: parses the command line and runs one command.

fn main() -> std::process::ExitCode {
    polku::cli::main()
}
