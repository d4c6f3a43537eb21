//! No lost update: commands that change the register, raced against each
//! other in real processes, round after round. After every round either
//! both changes are in the file, or exactly one command failed clearly
//! (exit 2, saying the file changed) and the other's change is there. The
//! assertions never depend on timing: only on what is in the file.

use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::support::{AS_OF, Project, VALID};

/// Rounds of each race. Each round is two real processes started together.
const ROUNDS: usize = 25;

const CHANGED: &str =
    "changed while partreg was working on it (someone else saved it); nothing was written — run the command again";

fn start(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> Child {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_partreg"));
    cmd.args(args)
        .args(["--as-of", AS_OF])
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.spawn().unwrap()
}

/// Starts both commands at once and waits for both.
fn race(project: &Project, a: &[&str], b: &[&str]) -> (Output, Output) {
    let first = start(project.dir.path(), a, &[]);
    let second = start(project.dir.path(), b, &[]);
    (first.wait_with_output().unwrap(), second.wait_with_output().unwrap())
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Either both succeeded and both changes landed, or exactly one failed
/// with exit 2 and the "changed" message and the other's change landed.
fn assert_no_lost_update(round: usize, outs: &(Output, Output), landed: (bool, bool)) {
    let ok = |o: &Output| o.status.code() == Some(0);
    let refused = |o: &Output| o.status.code() == Some(2) && stderr(o).contains(CHANGED);
    let (a, b) = outs;
    let fine = match (ok(a), ok(b)) {
        (true, true) => landed == (true, true),
        (true, false) => refused(b) && landed.0 && !landed.1,
        (false, true) => refused(a) && landed.1 && !landed.0,
        (false, false) => false,
    };
    assert!(
        fine,
        "round {round}: a exit {:?} ({}), b exit {:?} ({}), landed {landed:?}",
        a.status.code(),
        stderr(a),
        b.status.code(),
        stderr(b)
    );
}

fn entry(project: &Project) -> toml::Table {
    toml::from_str(&std::fs::read_to_string(project.path("register/a.toml")).unwrap()).unwrap()
}

fn rating(t: &toml::Table, side: &str, key: &str) -> String {
    t[side][key].as_str().unwrap().to_string()
}

/// The reviews recorded for `year`, by reviewer.
fn reviewers(t: &toml::Table, year: i64) -> Vec<String> {
    t["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["year"].as_integer() == Some(year))
        .map(|r| r["reviewer"].as_str().unwrap().to_string())
        .collect()
}

fn record(year: &'static str, reviewer: &'static str) -> Vec<&'static str> {
    vec![
        "review",
        "--record",
        "a",
        "--year",
        year,
        "--outcome",
        "continue",
        "--reviewer",
        reviewer,
        "--date",
        "2026-11-01",
    ]
}

#[test]
fn a_review_and_a_rating_change_both_land() {
    let project = Project::new();
    for round in 0..ROUNDS {
        project.write("register/a.toml", VALID);
        let outs = race(
            &project,
            &record("2027", "Racer"),
            &["assess", "a", "--set", "risk.reputation=high"],
        );
        let t = entry(&project);
        let landed = (
            reviewers(&t, 2027) == ["Racer"],
            rating(&t, "risk", "reputation") == "high",
        );
        assert_no_lost_update(round, &outs, landed);
    }
}

#[test]
fn two_rating_changes_on_different_keys_both_land() {
    let project = Project::new();
    for round in 0..ROUNDS {
        project.write("register/a.toml", VALID);
        let outs = race(
            &project,
            &["assess", "a", "--set", "risk.reputation=high"],
            &["assess", "a", "--set", "value.reputation=high"],
        );
        let t = entry(&project);
        let landed = (
            rating(&t, "risk", "reputation") == "high",
            rating(&t, "value", "reputation") == "high",
        );
        assert_no_lost_update(round, &outs, landed);
    }
}

/// The summaries of the concerns recorded in the file.
fn concerns(t: &toml::Table) -> Vec<String> {
    t.get("concerns")
        .and_then(toml::Value::as_array)
        .map(|all| all.iter().map(|c| c["summary"].as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

#[test]
fn two_concerns_raised_at_once_both_land_and_a_review_beside_them() {
    let project = Project::new();
    for round in 0..ROUNDS {
        project.write("register/a.toml", VALID);
        let outs = race(
            &project,
            &["concern", "a", "--raise", "Grant is late", "--by", "Lead Officer"],
            &["concern", "a", "--raise", "Minutes missing", "--by", "Cllr Ann Brown"],
        );
        let t = entry(&project);
        let c = concerns(&t);
        let landed = (
            c.iter().any(|s| s == "Grant is late"),
            c.iter().any(|s| s == "Minutes missing"),
        );
        assert_no_lost_update(round, &outs, landed);
        project.write("register/a.toml", VALID);
        let outs = race(
            &project,
            &["concern", "a", "--raise", "Grant is late", "--by", "Lead Officer"],
            &record("2027", "Racer"),
        );
        let t = entry(&project);
        let landed = (concerns(&t) == ["Grant is late"], reviewers(&t, 2027) == ["Racer"]);
        assert_no_lost_update(round, &outs, landed);
    }
}

#[test]
fn of_two_reviews_for_the_same_year_the_second_is_refused() {
    let project = Project::new();
    for round in 0..ROUNDS {
        project.write("register/a.toml", VALID);
        let (a, b) = race(&project, &record("2027", "First"), &record("2027", "Second"));
        let t = entry(&project);
        let kept = reviewers(&t, 2027);
        assert_eq!(kept.len(), 1, "round {round}: exactly one 2027 review: {kept:?}");
        let (won, lost) = if a.status.code() == Some(0) { (&a, &b) } else { (&b, &a) };
        assert_eq!(won.status.code(), Some(0), "round {round}: {}", stderr(won));
        assert_eq!(lost.status.code(), Some(2), "round {round}: {}", stderr(lost));
        let said = stderr(lost);
        assert!(
            said.contains("already has a review for 2027") && said.contains("--replace") || said.contains(CHANGED),
            "round {round}: {said}"
        );
        let winner = if std::ptr::eq(won, &a) { "First" } else { "Second" };
        assert_eq!(
            kept,
            [winner],
            "round {round}: the review kept is the one reported recorded"
        );
    }
}

/// The flags of a complete proposed partnership called "Racing Partnership".
pub(crate) fn add_args(id: &'static str) -> Vec<&'static str> {
    let mut args = vec!["add", "--no-input", "--id", id, "--name", "Racing Partnership"];
    args.extend_from_slice(crate::support::COMPLETE_PROPOSED);
    args
}

#[test]
fn of_two_adds_of_the_same_name_under_different_ids_exactly_one_succeeds() {
    let project = Project::new();
    for round in 0..ROUNDS {
        for id in ["racing-one", "racing-two"] {
            let _ = std::fs::remove_file(project.path(&format!("register/{id}.toml")));
        }
        let (a, b) = race(&project, &add_args("racing-one"), &add_args("racing-two"));
        let codes = (a.status.code(), b.status.code());
        assert!(
            codes == (Some(0), Some(2)) || codes == (Some(2), Some(0)),
            "round {round}: {codes:?}\n{}\n{}",
            stderr(&a),
            stderr(&b)
        );
        let lost = if codes.0 == Some(2) { &a } else { &b };
        assert!(
            stderr(lost).contains("a partnership called \"Racing Partnership\" is already on the register"),
            "round {round}: {}",
            stderr(lost)
        );
        let files: Vec<bool> = ["racing-one", "racing-two"]
            .iter()
            .map(|id| project.path(&format!("register/{id}.toml")).exists())
            .collect();
        assert_eq!(
            files.iter().filter(|x| **x).count(),
            1,
            "round {round}: one file, not two"
        );
    }
}

/// Waits (without a time limit that could fail the test on a slow machine,
/// only a generous one against a hang) for a temporary file to appear.
fn wait_for_temp(dir: &Path) -> std::path::PathBuf {
    let started = Instant::now();
    loop {
        if let Some(found) = temps(dir).into_iter().next() {
            return found;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no temporary file appeared"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn temps(dir: &Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            n.starts_with(".partreg-") && n.ends_with(".tmp")
        })
        .collect()
}

#[test]
fn a_contended_lock_is_waited_for_then_given_up_naming_the_lock_file() {
    let project = Project::new();
    project.write("register/a.toml", VALID);
    // The first holds its lock, with its new text written, until killed.
    let mut holder = start(
        project.dir.path(),
        &["assess", "a", "--set", "risk.reputation=high"],
        &[("PARTREG_TEST_HOLD_WRITE", "600")],
    );
    wait_for_temp(&project.path("register"));
    let second = start(
        project.dir.path(),
        &["assess", "a", "--set", "value.reputation=high"],
        &[("PARTREG_LOCK_TIMEOUT", "0")],
    )
    .wait_with_output()
    .unwrap();
    let said = stderr(&second);
    assert_eq!(second.status.code(), Some(2), "{said}");
    assert!(said.contains("Waiting for another partreg"), "{said}");
    assert!(said.contains(".partreg/locks/entry~a.toml.lock"), "{said}");
    assert!(said.contains("nothing was written"), "{said}");
    assert_eq!(std::fs::read_to_string(project.path("register/a.toml")).unwrap(), VALID);

    // Killed part-way (SIGKILL): the file is untouched, its temporary file
    // stays, and the lock died with the process.
    holder.kill().unwrap();
    holder.wait().unwrap();
    assert_eq!(std::fs::read_to_string(project.path("register/a.toml")).unwrap(), VALID);
    let left = temps(&project.path("register"));
    assert_eq!(left.len(), 1, "{left:?}");

    // A fresh temporary file might be a live write: the next edit keeps it.
    let again = start(
        project.dir.path(),
        &["assess", "a", "--set", "value.reputation=high"],
        &[],
    )
    .wait_with_output()
    .unwrap();
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert_eq!(temps(&project.path("register")), left);

    // Once stale, the next edit of that file, holding its lock, removes it.
    let hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&left[0])
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
    // Another file's stale temporary file is not this edit's to remove.
    let other = project.path("register/.partreg-b.toml-Ab12Cd.tmp");
    std::fs::write(&other, "").unwrap();
    std::fs::File::options()
        .write(true)
        .open(&other)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
    let cleaned = start(
        project.dir.path(),
        &["assess", "a", "--set", "risk.reputation=high"],
        &[],
    )
    .wait_with_output()
    .unwrap();
    assert_eq!(cleaned.status.code(), Some(0), "{}", stderr(&cleaned));
    assert_eq!(temps(&project.path("register")), [other]);
    let t = entry(&project);
    assert_eq!(
        (rating(&t, "risk", "reputation"), rating(&t, "value", "reputation")),
        ("high".to_string(), "high".to_string())
    );
}

#[test]
fn a_file_saved_by_someone_else_meanwhile_is_not_overwritten() {
    let project = Project::new();
    project.write("register/a.toml", VALID);
    let writer = start(
        project.dir.path(),
        &["assess", "a", "--set", "risk.reputation=high"],
        &[("PARTREG_TEST_HOLD_WRITE", "2")],
    );
    wait_for_temp(&project.path("register"));
    // An editor that knows nothing of partreg's lock saves the file.
    let by_hand = format!("{VALID}# checked by hand\n");
    std::fs::write(project.path("register/a.toml"), &by_hand).unwrap();
    let out = writer.wait_with_output().unwrap();
    let said = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{said}");
    assert!(said.contains(&format!("register/a.toml {CHANGED}")), "{said}");
    assert_eq!(
        std::fs::read_to_string(project.path("register/a.toml")).unwrap(),
        by_hand
    );
    assert!(temps(&project.path("register")).is_empty(), "no temporary file left");
}

#[test]
fn an_edit_past_the_size_limit_is_refused() {
    let project = Project::new();
    // Just under the 8 MB `check` reads; the rationale pushes it over.
    let padding = 8 * 1024 * 1024 - VALID.len() - 100;
    let big = format!("{VALID}#{}\n", "x".repeat(padding));
    project.write("register/a.toml", &big);
    let rationale = format!("risk.rationale={}", "Judged higher by CMT. ".repeat(20));
    let run = project.run(&["assess", "a", "--set", &rationale, "--as-of", AS_OF]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("the change would make register/a.toml 8.0 MB, past the 8 MB that partreg reads"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    assert!(std::fs::read_to_string(project.path("register/a.toml")).unwrap() == big);
}

/// Answers as scripted, but just before the last "write it?" answer
/// another officer saves the file: what partreg writes must keep it.
struct SavedMeanwhile<'a> {
    inner: partreg::terminal::prompt::Scripted,
    file: &'a Path,
}

impl partreg::terminal::prompt::Prompter for SavedMeanwhile<'_> {
    fn note(&mut self, text: &str) -> std::io::Result<()> {
        self.inner.note(text)
    }
    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> std::io::Result<Option<usize>> {
        self.inner.select(prompt, items, default)
    }
    fn input(
        &mut self,
        prompt: &str,
        default: Option<&str>,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> std::io::Result<Option<String>> {
        self.inner.input(prompt, default, check)
    }
    fn confirm(&mut self, prompt: &str, default: bool) -> std::io::Result<Option<bool>> {
        let text = std::fs::read_to_string(self.file).unwrap();
        std::fs::write(
            self.file,
            text.replace("comments = \"Keep under review.\"", "comments = \"Saved meanwhile.\""),
        )
        .unwrap();
        self.inner.confirm(prompt, default)
    }
}

#[test]
fn interactive_ratings_keep_a_change_saved_while_the_questions_were_asked() {
    use partreg::terminal::prompt::{Answer, Scripted};
    let project = Project::new();
    project.write("register/a.toml", VALID);
    // Every criterion answered with the 4th choice (keep), one changed to
    // the 1st; then both overall ratings kept, then yes.
    let mut answers = vec![Answer::Choose(0)];
    answers.extend(std::iter::repeat_n(Answer::Choose(3), 15));
    answers.push(Answer::Yes);
    let file = project.path("register/a.toml");
    let mut prompter = SavedMeanwhile {
        inner: Scripted::new(answers),
        file: &file,
    };
    let run = crate::support::run_with(
        project.dir.path(),
        &["assess", "a", "--interactive", "--as-of", AS_OF],
        Some(&mut prompter),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = std::fs::read_to_string(&file).unwrap();
    assert!(
        after.contains("comments = \"Saved meanwhile.\""),
        "the other change is kept:\n{after}"
    );
    assert!(
        after.contains("time_commitment = \"high\""),
        "and the rating is written:\n{after}"
    );
}

#[test]
fn an_import_and_an_add_of_the_same_name_never_both_land() {
    let project = Project::new();
    project.write(
        "old.csv",
        "Partnership Name,Lead Partner,Status\nRacing Partnership,L,Active\n",
    );
    for round in 0..ROUNDS {
        for id in ["racing-partnership", "racing-two"] {
            let _ = std::fs::remove_file(project.path(&format!("register/{id}.toml")));
        }
        let (import, add) = race(&project, &["import", "old.csv"], &add_args("racing-two"));
        let imported = project.path("register/racing-partnership.toml").exists();
        let added = project.path("register/racing-two.toml").exists();
        assert!(
            imported != added,
            "round {round}: exactly one file, imported {imported}, added {added}"
        );
        if imported {
            assert_eq!(add.status.code(), Some(2), "round {round}: {}", stderr(&add));
            assert!(
                stderr(&add).contains("already on the register"),
                "round {round}: {}",
                stderr(&add)
            );
        } else {
            let said = String::from_utf8_lossy(&import.stdout);
            assert!(
                said.contains("row 2: skipped: a partnership called \"Racing Partnership\" is already on the register"),
                "round {round}: {said}"
            );
        }
    }
}
