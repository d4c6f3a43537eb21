//! Nothing is written outside the register or the project: not through a
//! linked sub-folder, not through a `register` setting that leads
//! elsewhere, and `--output` never replaces a device, a pipe or a folder.

use std::path::Path;

use crate::support::{AS_OF, Project, VALID};

fn link(target: &Path, at: &Path) {
    #[cfg(unix)]
    std::os::unix::fs::symlink(target, at).unwrap();
    #[cfg(windows)]
    std::os::windows::fs::symlink_dir(target, at).unwrap();
}

fn empty(dir: &Path) -> bool {
    std::fs::read_dir(dir).unwrap().next().is_none()
}

#[test]
fn add_refuses_a_sub_folder_that_links_outside_the_register() {
    let project = Project::new();
    std::fs::create_dir(project.path("outside")).unwrap();
    link(&project.path("outside"), &project.path("register/shared"));
    let mut args = crate::concurrency::add_args("escaped");
    args.extend(["--folder", "shared", "--as-of", AS_OF]);
    let run = project.run(&args);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("would be written outside the register folder")
            && run.stderr.contains("nothing was written"),
        "{}",
        run.stderr
    );
    assert!(empty(&project.path("outside")), "nothing written through the link");
    // A link to a folder inside the register is still inside it.
    std::fs::create_dir(project.path("register/real")).unwrap();
    link(&project.path("register/real"), &project.path("register/alias"));
    let mut args = crate::concurrency::add_args("kept-inside");
    args.extend(["--folder", "alias/new", "--as-of", AS_OF]);
    let run = project.run(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(project.path("register/real/new/kept-inside.toml").is_file());
}

#[test]
fn import_refuses_a_sub_folder_that_links_outside_the_register() {
    let project = Project::new();
    std::fs::create_dir(project.path("outside")).unwrap();
    link(&project.path("outside"), &project.path("register/old"));
    project.write(
        "old.csv",
        "Partnership Name,Lead Partner,Status\nNew One,Someone,Active\n",
    );
    let run = project.run(&["import", "old.csv", "--folder", "old/2019", "--as-of", AS_OF]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("outside the register folder"), "{}", run.stderr);
    assert!(
        empty(&project.path("outside")),
        "no folder or file made through the link"
    );
}

#[test]
fn a_register_setting_outside_the_project_is_refused_unless_opted_in() {
    let project = Project::bare();
    project.write("elsewhere/register/a.toml", VALID);
    project.write("council/partreg.toml", "register = \"../elsewhere/register\"\n");
    let council = project.path("council");
    let run = crate::support::run_in(&council, &["list"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("is outside the project folder") && run.stderr.contains("register_outside_project = true"),
        "{}",
        run.stderr
    );
    let absolute = project.path("elsewhere/register");
    project.write(
        "council/partreg.toml",
        format!("register = {}\n", toml::Value::String(absolute.display().to_string())),
    );
    let run = crate::support::run_in(&council, &["list"]);
    assert_eq!(run.code, 2, "an absolute path too: {}", run.stderr);

    // --register on the command line is the person's own explicit choice.
    let run = crate::support::run_in(&council, &["list", "--register", absolute.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    // And the settings may opt in, in so many words.
    project.write(
        "council/partreg.toml",
        "register = \"../elsewhere/register\"\nregister_outside_project = true\n",
    );
    let run = crate::support::run_in(&council, &["list", "--format", "csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("Test Waste Partnership"), "{}", run.stdout);
}

#[test]
fn a_register_folder_linked_from_outside_the_project_is_refused() {
    let project = Project::bare();
    project.write("elsewhere/a.toml", VALID);
    project.write("council/partreg.toml", "council = \"C\"\n");
    link(&project.path("elsewhere"), &project.path("council/register"));
    let run = crate::support::run_in(&project.path("council"), &["list"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("is outside the project folder"), "{}", run.stderr);
}

#[test]
fn output_refuses_folders_devices_and_pipes_even_with_force() {
    let project = Project::new();
    project.write("register/a.toml", VALID);
    std::fs::create_dir(project.path("folder")).unwrap();
    let folder = project.path("folder");
    let run = project.run(&[
        "list",
        "--output",
        folder.to_str().unwrap(),
        "--force",
        "--as-of",
        AS_OF,
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("is a folder") && run.stderr.contains("even with --force"),
        "{}",
        run.stderr
    );
    assert!(folder.is_dir() && empty(&folder));

    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let null = Path::new("/dev/null");
        if null.exists() {
            let run = project.run(&[
                "review",
                "--year",
                "2026",
                "--output",
                "/dev/null",
                "--force",
                "--as-of",
                AS_OF,
            ]);
            assert_eq!(run.code, 2, "{}", run.stderr);
            assert!(run.stderr.contains("not a regular file"), "{}", run.stderr);
            assert!(std::fs::metadata(null).unwrap().file_type().is_char_device());
        }
        let fifo = project.path("pipe");
        match std::process::Command::new("mkfifo").arg(&fifo).status() {
            Ok(s) if s.success() => {
                let run = project.run(&["list", "--output", "pipe", "--force", "--as-of", AS_OF]);
                assert_eq!(run.code, 2, "{}", run.stderr);
                assert!(run.stderr.contains("not a regular file"), "{}", run.stderr);
                assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
                // A link to the pipe is judged by what it points at.
                link(&fifo, &project.path("to-pipe"));
                let run = project.run(&["list", "--output", "to-pipe", "--force", "--as-of", AS_OF]);
                assert_eq!(run.code, 2, "{}", run.stderr);
                assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
            }
            _ => eprintln!("skipped the FIFO case: mkfifo is not available"),
        }
    }
}

#[test]
fn init_writes_a_gitignore_for_partregs_working_files() {
    let project = Project::bare();
    let run = project.run(&["init", "new", "--council", "C"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ignore = std::fs::read_to_string(project.path("new/.gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == ".partreg/"), "{ignore}");
    assert!(ignore.lines().any(|l| l == ".partreg-*.tmp"), "{ignore}");
    match std::process::Command::new("git").arg("--version").output() {
        Ok(o) if o.status.success() => {
            let dir = project.path("new");
            let git = |args: &[&str]| {
                std::process::Command::new("git")
                    .args(args)
                    .current_dir(&dir)
                    .output()
                    .unwrap()
            };
            assert!(git(&["init", "-q"]).status.success());
            let ignored = git(&[
                "check-ignore",
                ".partreg/locks/create.lock",
                "register/.partreg-a.toml-Ab12Cd.tmp",
            ]);
            assert_eq!(
                String::from_utf8_lossy(&ignored.stdout),
                ".partreg/locks/create.lock\nregister/.partreg-a.toml-Ab12Cd.tmp\n"
            );
            let kept = git(&["check-ignore", "register/example-partnership.toml"]);
            assert!(kept.stdout.is_empty(), "the register itself is not ignored");
        }
        _ => eprintln!("skipped the git check: git is not available"),
    }
}

#[test]
fn init_leaves_an_existing_gitignore_as_it_was_and_says_what_to_add() {
    let project = Project::bare();
    project.write("new/.gitignore", "target/\n.partreg/\n");
    let run = project.run(&["init", "new"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(project.path("new/.gitignore")).unwrap(),
        "target/\n.partreg/\n"
    );
    assert!(
        run.stderr.contains("was left as it was; add these lines") && run.stderr.contains("  .partreg-*.tmp"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("  .partreg/\n"),
        "a line already there is not asked for"
    );
}
