//! Drafts kept by an earlier partreg still resume where they stopped:
//! the layout a half-asked group is kept in has changed, and a draft on an
//! officer's disk must not lose its answers to that.

use partreg::terminal::prompt::Answer;

use crate::add::read;
use crate::add_guided::{SAVE, guided, proposed_answers, text};
use crate::support::Project;

/// What an earlier partreg kept of a representative asked about up to
/// their position: their answers as `current`, the questions asked as
/// `asked` beside it.
const OLDER_REPRESENTATIVE: &str = r#"
done = []
waiting = []
asked = ["level", "position"]

[current]
name = "Cllr Ann Brown"
level = "member"
position = "Chair"
"#;

#[test]
fn a_half_asked_representative_in_an_older_drafts_layout_resumes_at_their_next_question() {
    let project = Project::new();
    let mut answers = proposed_answers();
    let at = answers.iter().position(|a| *a == text("Chair")).unwrap();
    let rest = answers.split_off(at + 1);
    answers.push(Answer::Interrupt);
    let (run, _) = guided(&project, answers, &[]);
    assert_eq!(run.code, 130, "{}", run.stderr);

    let path = project.path(".partreg/drafts/guided-partnership.toml");
    let mut draft: toml::Table = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let older: toml::Table = toml::from_str(OLDER_REPRESENTATIVE).unwrap();
    draft["partial"]["representatives"] = toml::Value::Table(older);
    std::fs::write(&path, toml::to_string(&draft).unwrap()).unwrap();

    let mut again = vec![Answer::Choose(0)];
    again.extend(rest);
    again.push(SAVE);
    let (run, prompter) = guided(&project, again, &["--resume"]);
    assert_eq!(run.code, 0, "{}\n{:#?}", run.stderr, prompter.transcript);
    assert!(prompter.finished(), "{:#?}", prompter.transcript);
    assert!(
        !prompter
            .transcript
            .iter()
            .any(|t| t.contains("Brown: their level") || t.contains("Brown: their position")),
        "asked again: {:#?}",
        prompter.transcript
    );
    let t: toml::Table = toml::from_str(&read(&project, "register/guided-partnership.toml")).unwrap();
    let rep = t["representatives"][0].as_table().unwrap();
    assert_eq!(rep["name"].as_str(), Some("Cllr Ann Brown"), "{rep:#?}");
    assert_eq!(rep["level"].as_str(), Some("member"), "{rep:#?}");
    assert_eq!(rep["position"].as_str(), Some("Chair"), "{rep:#?}");
    assert_eq!(rep["roles"][0].as_str(), Some("report-to-council"), "{rep:#?}");
}

#[test]
fn an_overall_rating_kept_by_an_older_draft_as_its_changes_is_not_asked_again() {
    let project = Project::new();
    let mut answers = proposed_answers();
    let skip_c = answers.pop().unwrap();
    answers.pop(); // Appendix B now
    answers.extend([Answer::Yes, Answer::Choose(0), Answer::Choose(1)]);
    answers.extend(std::iter::repeat_n(Answer::Choose(3), 12));
    answers.push(Answer::Interrupt); // at the overall risk rating
    let (run, _) = guided(&project, answers, &[]);
    assert_eq!(run.code, 130, "{}", run.stderr);

    // An earlier partreg kept an overall rating, once its rationale was
    // given, as the changes it made.
    let path = project.path(".partreg/drafts/guided-partnership.toml");
    let mut draft: toml::Table = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let progress = draft["partial"]["risk"].as_table_mut().unwrap();
    let older: toml::Value = toml::from_str::<toml::Table>(
        r#"overall = [{ key = "overall", level = "low" }, { key = "rationale", text = "Little at stake." }]"#,
    )
    .unwrap()["overall"]
        .clone();
    progress["answers"]
        .as_table_mut()
        .unwrap()
        .insert("risk.overall".into(), older);
    progress["asked"].as_array_mut().unwrap().push("risk.overall".into());
    std::fs::write(&path, toml::to_string(&draft).unwrap()).unwrap();

    let mut again = vec![Answer::Choose(0), Answer::Choose(3), skip_c];
    again.push(SAVE);
    let (run, prompter) = guided(&project, again, &["--resume"]);
    assert_eq!(run.code, 0, "{}\n{:#?}", run.stderr, prompter.transcript);
    assert!(prompter.finished(), "{:#?}", prompter.transcript);
    assert!(
        !prompter
            .transcript
            .iter()
            .any(|t| t.contains("Overall risk rating") || t.contains("Why is")),
        "asked again: {:#?}",
        prompter.transcript
    );
    let t: toml::Table = toml::from_str(&read(&project, "register/guided-partnership.toml")).unwrap();
    assert_eq!(t["risk"]["overall"].as_str(), Some("low"), "{t:#?}");
    assert_eq!(t["risk"]["rationale"].as_str(), Some("Little at stake."), "{t:#?}");
}

#[test]
fn a_question_left_empty_in_a_group_counts_once_among_the_answers_kept() {
    let kept = |middle: &str| {
        let project = Project::new();
        let mut answers = proposed_answers();
        answers.pop(); // Appendix C answered this time
        answers.extend([
            Answer::Choose(1),
            text("A committee."),
            text(middle),
            text("The Chair."),
        ]);
        answers.push(Answer::Interrupt);
        let (run, _) = guided(&project, answers, &[]);
        assert_eq!(run.code, 130, "{}", run.stderr);
        let at = run.stderr.find("Your ").unwrap();
        run.stderr[at..].split(' ').nth(1).unwrap().to_string()
    };
    assert_eq!(kept(""), kept("The board."));
}
