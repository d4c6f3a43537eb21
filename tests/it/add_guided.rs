//! The guided `add`: scripted answers through the [`Prompter`] trait, and
//! once for real through a pseudo-terminal.
//!
//! [`Prompter`]: partreg::terminal::prompt::Prompter

use partreg::terminal::prompt::{Answer, Scripted};

use crate::add::{add, read};
use crate::support::{AS_OF, Project, run_with};

/// Runs `add` with scripted answers.
pub(crate) fn guided(project: &Project, answers: Vec<Answer>, args: &[&str]) -> (crate::support::Run, Scripted) {
    let mut prompter = Scripted::new(answers);
    let mut all = vec!["add", "--as-of", AS_OF];
    all.extend_from_slice(args);
    let run = run_with(project.dir.path(), &all, Some(&mut prompter));
    (run, prompter)
}

pub(crate) fn text(s: &str) -> Answer {
    Answer::Text(s.into())
}

#[test]
fn screening_stops_what_is_not_a_partnership() {
    for stop_at in 0..3 {
        let project = Project::new();
        let mut answers = vec![Answer::No; stop_at];
        answers.push(Answer::Yes);
        let (run, prompter) = guided(&project, answers, &[]);
        assert_eq!(run.code, 0);
        assert!(
            run.stderr.contains("not a partnership") || run.stderr.contains("are not partnerships"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("Nothing was written"));
        assert!(prompter.finished());
        assert_eq!(std::fs::read_dir(project.path("register")).unwrap().count(), 0);
    }
}

/// Answers for the whole guided flow of a proposed entry, in order, up to
/// the preview.
pub(crate) fn proposed_answers() -> Vec<Answer> {
    let mut a = vec![Answer::No, Answer::No, Answer::No];
    a.extend([
        text("Guided Partnership"),
        text("Norfolk County Council"),
        text("South Norfolk Council"),
        text(""),
        Answer::Choose(0), // status: proposed
        text("To try the guided flow."),
        text(""),          // no objectives
        Answer::Choose(1), // operational
        Answer::No,        // not statutory
        Answer::Choose(2), // non-legal
        Answer::Choose(4), // quarterly
        text("two"),       // member places: refused, asked again
        text("1"),
        text("Cllr Ann Brown"),
        Answer::Choose(0), // member
        text("Chair"),
        text(""),          // appointed: not known
        text(""),          // term ends: not known
        Answer::Choose(2), // role: report back to the council
        Answer::Choose(8), // roles: Done
        Answer::Choose(3), // kind of appointment: not recorded
        Answer::Choose(5), // appointed by: not recorded
        text(""),          // no more representatives
        Answer::Choose(0), // priority P1
        Answer::Choose(3), // Done (P1 ticked, P2, P3, Done)
        text("lots"),      // refused, asked again
        text("6.5"),
        text("£12,500"),
        Answer::Yes, // budgeted
        text(""),    // no budget source
        text("Some disruption."),
        Answer::Choose(1), // influence
        text("Shared expertise."),
        text("Minutes to members."),
        text(""), // no comments
        text(""), // no documents
    ]);
    a.extend(case_answers());
    a.extend([
        Answer::No,        // no Appendix B now
        Answer::Choose(0), // skip Appendix C
    ]);
    a
}

/// The case for joining of a proposed entry: the grounds (synergy and a
/// statutory duty) and the four criteria (yes, yes, no, not known yet).
pub(crate) fn case_answers() -> Vec<Answer> {
    vec![
        Answer::Choose(0), // synergy
        Answer::Choose(2), // a statutory duty
        Answer::Choose(8), // Done
        Answer::Choose(0), // supports corporate policies: yes
        Answer::Choose(0), // benefits the district: yes
        Answer::Choose(1), // better than alone: no
        Answer::Choose(2), // monitoring: not known yet
    ]
}

/// The preview's choices.
pub(crate) const SAVE: Answer = Answer::Choose(0);
const CHANGE: Answer = Answer::Choose(1);
const STOP: Answer = Answer::Choose(2);

fn drafts(project: &Project) -> Vec<String> {
    let Ok(items) = std::fs::read_dir(project.path(".partreg/drafts")) else {
        return Vec::new();
    };
    let mut names: Vec<String> = items
        .map(|i| i.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn register_files(project: &Project) -> usize {
    std::fs::read_dir(project.path("register")).unwrap().count()
}

fn saw(prompter: &Scripted, text: &str) -> bool {
    prompter.transcript.iter().any(|t| t.contains(text))
}

#[test]
fn the_guided_flow_writes_what_was_answered() {
    let project = Project::new();
    let mut answers = proposed_answers();
    answers.push(SAVE);
    let (run, prompter) = guided(&project, answers, &[]);
    assert_eq!(run.code, 0, "{}\n{:#?}", run.stderr, prompter.transcript);
    assert!(prompter.finished());
    assert!(
        saw(&prompter, "! \"lots\" is not a number of hours"),
        "the bad answer was refused"
    );
    let t: toml::Table = toml::from_str(&read(&project, "register/guided-partnership.toml")).unwrap();
    assert_eq!(t["governance"].as_str(), Some("non-legal"));
    assert_eq!(t["meeting_frequency"].as_str(), Some("quarterly"));
    assert_eq!(t["priorities"].as_array().unwrap().len(), 1);
    assert_eq!(t["staff_hours_per_month"].as_float(), Some(6.5));
    assert_eq!(t["budget_contribution_gbp"].as_integer(), Some(12_500));
    assert_eq!(t["representatives"][0]["position"].as_str(), Some("Chair"));
    assert!(!t.contains_key("questions") && !t.contains_key("reporting"), "{t:?}");
    // Part 2: the places, and the case for joining in the policy's order.
    assert!(
        saw(&prompter, "! \"two\" is not a number"),
        "{:#?}",
        prompter.transcript
    );
    assert_eq!(t["member_places"].as_integer(), Some(1));
    let case = t["case"].as_table().unwrap();
    let grounds: Vec<&str> = case["grounds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g.as_str().unwrap())
        .collect();
    assert_eq!(grounds, ["synergy", "statutory-duty"]);
    assert_eq!(case["supports_corporate_policies"].as_bool(), Some(true));
    assert_eq!(case["benefits_district"].as_bool(), Some(true));
    assert_eq!(case["better_than_alone"].as_bool(), Some(false));
    assert!(
        !case.contains_key("monitoring_in_place"),
        "not known yet writes nothing: {case:?}"
    );
    assert!(
        !t.contains_key("approval"),
        "a budgeted proposal is not asked about Cabinet"
    );
    assert_eq!(project.check_json(&[]).0, 0);
    assert!(drafts(&project).is_empty());
}

/// A proposed entry whose contribution is not in existing budgets: the
/// answers up to the Cabinet question, with `decision` as its answer.
fn unbudgeted_proposal(decision: Vec<Answer>) -> Vec<Answer> {
    let mut answers = proposed_answers();
    let at = answers.iter().position(|a| *a == Answer::Yes).unwrap(); // budgeted
    answers[at] = Answer::No;
    let tail = answers.split_off(answers.len() - 2); // ratings offer, Appendix C
    answers.extend(decision);
    answers.extend(tail);
    answers
}

#[test]
fn a_proposal_not_in_budgets_can_wait_for_cabinet_and_is_told_so() {
    let project = Project::new();
    let mut answers = unbudgeted_proposal(vec![Answer::Choose(0)]); // not yet
    answers.push(SAVE);
    let (run, prompter) = guided(&project, answers, &[]);
    assert_eq!(run.code, 0, "{}\n{:#?}", run.stderr, prompter.transcript);
    assert!(prompter.finished(), "{:#?}", prompter.transcript);
    assert!(saw(
        &prompter,
        "? The decision to join: has the Cabinet (the Executive) decided yet?"
    ));
    assert!(
        saw(&prompter, "It is still to go to Cabinet"),
        "{:#?}",
        prompter.transcript
    );
    assert!(!saw(&prompter, "when was it made"), "no date without a decision");
    let t: toml::Table = toml::from_str(&read(&project, "register/guided-partnership.toml")).unwrap();
    assert!(!t.contains_key("approval"), "{t:?}");
    let (code, json) = project.check_json(&[]);
    assert_eq!(code, 0);
    let codes: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    // Unrated and without Appendix C here, so other warnings come too (the
    // pty test rates it and gets exactly this one).
    assert!(codes.contains(&"cabinet-decision-needed"), "{json:#}");
    assert!(!codes.contains(&"wrong-approver"), "{json:#}");
}

#[test]
fn the_list_of_answers_to_change_shows_the_cabinet_decision_as_it_was_asked() {
    let project = Project::new();
    let mut answers = unbudgeted_proposal(vec![Answer::Choose(0)]); // not yet
    answers.extend([CHANGE, Answer::Cancel, SAVE]); // look at the list, change nothing
    let (run, prompter) = guided(&project, answers, &[]);
    assert_eq!(run.code, 0, "{}\n{:#?}", run.stderr, prompter.transcript);
    assert!(prompter.finished(), "{:#?}", prompter.transcript);
    assert!(
        saw(&prompter, "  - The decision to join: has the Cabinet"),
        "{:#?}",
        prompter.transcript
    );
    assert!(!saw(&prompter, "  - The decision to join: who approved it"));
}

#[test]
fn a_proposal_not_in_budgets_takes_the_cabinet_or_executive_decision_and_its_date() {
    for (choice, by) in [(1, "cabinet"), (2, "executive")] {
        let project = Project::new();
        let mut answers = unbudgeted_proposal(vec![
            Answer::Choose(choice),
            text("2027-02-01"), // refused: after today
            text("12/11/2026"),
        ]);
        answers.push(SAVE);
        let (run, prompter) = guided(&project, answers, &[]);
        assert_eq!(run.code, 0, "{}\n{:#?}", run.stderr, prompter.transcript);
        assert!(prompter.finished(), "{:#?}", prompter.transcript);
        assert!(saw(&prompter, "! 2027-02-01 is after today"));
        let t: toml::Table = toml::from_str(&read(&project, "register/guided-partnership.toml")).unwrap();
        assert_eq!(t["approval"]["by"].as_str(), Some(by));
        assert_eq!(t["approval"]["date"].to_string(), "2026-11-12");
        assert!(!run.stderr.contains("cabinet-decision-needed"), "{}", run.stderr);
    }
}

#[test]
fn choices_show_their_meaning_and_priorities_their_titles() {
    let project = Project::new();
    let mut answers = proposed_answers();
    answers.push(SAVE);
    let (run, prompter) = guided(&project, answers, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for shown in [
        "  -   P1  Growth",
        "  -   P3  Environment",
        "  - quarterly    four times a year",
        "  - member   a councillor",
        "  - proposed  being considered; not joined yet",
    ] {
        assert!(saw(&prompter, shown), "{shown:?} not in {:#?}", prompter.transcript);
    }
}

/// The answers after the status for an active entry whose contribution is
/// in existing budgets, up to the preview; `approver` is the choice for
/// who approved joining.
fn active_answers(contribution: &str, budgeted: bool, approvers: &[usize]) -> Vec<Answer> {
    let mut a = vec![Answer::No, Answer::No, Answer::No];
    a.extend([
        text("Guided Partnership"),
        text("Norfolk County Council"),
        text("South Norfolk Council"),
        text(""),
        Answer::Choose(1), // status: active
        text("To try the guided flow."),
        text(""), // refused: an active partnership needs an objective
        text("Raise recycling"),
        text(""),
        Answer::Choose(1), // operational
        Answer::No,
        Answer::Choose(2),
        Answer::Choose(4),
        text(""), // member places: not known
        text("Cllr Ann Brown"),
        Answer::Choose(0),
        text("Chair"),
        text("21/05/2026"), // a UK date
        text("2026-05-01"), // refused: before the appointment
        text("2030-05-20"),
        Answer::Choose(8), // Done, refused: an active partnership's representative needs a role
        Answer::Choose(0), // communication channel
        Answer::Choose(8), // Done
        Answer::Choose(1), // four-year
        Answer::Choose(0), // Annual Council
        text(""),
        text("Waste and Recycling Manager"), // Lead Officer
        Answer::Choose(0),                   // P1
        Answer::Choose(3),                   // Done
        text("6"),
        text(contribution),
    ]);
    if contribution != "0" {
        a.push(if budgeted { Answer::Yes } else { Answer::No });
        a.push(text("Waste budget"));
    }
    a.extend([
        text("Some disruption."),
        Answer::Choose(1),
        text("Shared expertise."),
        text("Minutes to members."),
        text(""),
        text("1/4/2025"), // joined
        text("https://example.org/terms.pdf"),
        text(""),
        Answer::Choose(4), // reported on quarterly
        text("Jo Smith, Waste Manager"),
        Answer::Choose(0), // to CMT
    ]);
    a.extend(approvers.iter().map(|i| Answer::Choose(*i)));
    a.extend([
        text("2027-01-01"), // refused: after today
        text("20/03/2025"),
        text("Cllr Pat Holder"),
    ]);
    // Appendix B: five risk criteria and nine value, then the overall
    // ratings as computed.
    a.extend(std::iter::repeat_n(Answer::Choose(1), 14));
    a.extend([Answer::Choose(1), Answer::Choose(1)]);
    a.extend([
        text("15/10/2026"), // the latest review
        text("CI&P Team"),
        Answer::Choose(0), // continue
        Answer::Choose(0), // skip Appendix C
    ]);
    a
}

#[test]
fn an_active_partnership_gets_every_question_check_strict_needs() {
    let project = Project::new();
    let mut answers = active_answers("0", true, &[0]);
    answers.push(SAVE);
    let (run, prompter) = guided(&project, answers, &[]);
    assert_eq!(run.code, 0, "{}\n{:#?}", run.stderr, prompter.transcript);
    assert!(prompter.finished(), "{:#?}", prompter.transcript);
    assert!(saw(&prompter, "! an active partnership needs at least one"));
    assert!(saw(
        &prompter,
        "! the term cannot end before the appointment (2026-05-21)"
    ));
    assert!(saw(&prompter, "! 2027-01-01 is after today (2026-11-30)"));
    assert!(saw(&prompter, "needs its Appendix B risk and value ratings"));
    assert!(!run.stderr.contains("note:"), "{}", run.stderr);
    let t: toml::Table = toml::from_str(&read(&project, "register/guided-partnership.toml")).unwrap();
    assert_eq!(t["representatives"][0]["appointed"].to_string(), "2026-05-21");
    assert_eq!(t["reporting"]["reports_to"].as_str(), Some("cmt"));
    assert_eq!(t["approval"]["date"].to_string(), "2025-03-20");
    assert_eq!(t["reviews"][0]["year"].as_integer(), Some(2026));
    assert_eq!(t["reviews"][0]["outcome"].as_str(), Some("continue"));
    let strict = project.run(&["check", "--strict", "--as-of", crate::support::AS_OF]);
    assert_eq!(strict.code, 0, "{}{}", strict.stdout, strict.stderr);
}

#[test]
fn an_unbudgeted_contribution_needs_the_cabinet_and_says_so_when_asked() {
    let project = Project::new();
    // CMT is refused at once, then Cabinet (the second choice) is taken.
    let mut answers = active_answers("£20,000", false, &[0, 1]);
    answers.push(SAVE);
    let (run, prompter) = guided(&project, answers, &[]);
    assert_eq!(run.code, 0, "{}\n{:#?}", run.stderr, prompter.transcript);
    assert!(saw(&prompter, "! the contribution is not in existing budgets"));
    let t: toml::Table = toml::from_str(&read(&project, "register/guided-partnership.toml")).unwrap();
    assert_eq!(t["approval"]["by"].as_str(), Some("cabinet"));
    let strict = project.run(&["check", "--strict", "--as-of", crate::support::AS_OF]);
    assert_eq!(strict.code, 0, "{}{}", strict.stdout, strict.stderr);
}

#[test]
fn esc_goes_back_one_question_with_the_answer_kept() {
    let project = Project::new();
    let mut answers = proposed_answers();
    // Esc at "other organisations": back to the lead partner, whose answer
    // is offered again (an empty answer keeps it); then on.
    answers.splice(5..5, [Answer::Cancel, text("")]);
    // Esc at the second screening question goes back to the first.
    answers.splice(1..1, [Answer::Cancel, Answer::No]);
    answers.push(SAVE);
    let (run, prompter) = guided(&project, answers, &[]);
    assert_eq!(run.code, 0, "{}\n{:#?}", run.stderr, prompter.transcript);
    let asked = |q: &str| prompter.transcript.iter().filter(|t| t.contains(q)).count();
    assert_eq!(asked("Which organisation is the lead partner?"), 2);
    assert_eq!(asked("officer network"), 2);
    let t: toml::Table = toml::from_str(&read(&project, "register/guided-partnership.toml")).unwrap();
    assert_eq!(t["lead_partner"].as_str(), Some("Norfolk County Council"));
    assert_eq!(t["partners"][0].as_str(), Some("South Norfolk Council"));
}

#[test]
fn any_answer_can_be_changed_at_the_preview() {
    let project = Project::new();
    let mut answers = proposed_answers();
    // "What is the partnership for?" is the fifth in the list of answers.
    answers.extend([CHANGE, Answer::Choose(4), text("A better purpose.")]);
    // Then the status, to declined: nothing more is asked.
    answers.extend([CHANGE, Answer::Choose(3), Answer::Choose(4)]); // declined
    answers.push(SAVE);
    let (run, prompter) = guided(&project, answers, &[]);
    assert_eq!(run.code, 0, "{}\n{:#?}", run.stderr, prompter.transcript);
    assert!(prompter.finished(), "{:#?}", prompter.transcript);
    assert!(saw(
        &prompter,
        "  - What is the partnership for?  [To try the guided flow.]"
    ));
    assert_eq!(
        prompter
            .transcript
            .iter()
            .filter(|t| t.starts_with("This is the file") || t.starts_with("\nThis is the file"))
            .count(),
        3
    );
    let t: toml::Table = toml::from_str(&read(&project, "register/guided-partnership.toml")).unwrap();
    assert_eq!(t["function"].as_str(), Some("A better purpose."));
    assert_eq!(t["status"].as_str(), Some("declined"));
}

#[test]
fn stop_keeps_a_draft_outside_the_register_and_resume_finishes_it() {
    let project = Project::new();
    let mut answers = proposed_answers();
    answers.push(STOP);
    let (run, _) = guided(&project, answers, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("kept as a draft in .partreg/drafts/guided-partnership.toml"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("partreg add --resume"));
    assert_eq!(register_files(&project), 0);
    assert_eq!(drafts(&project), ["guided-partnership.toml"]);
    // The register does not see the draft.
    assert_eq!(project.check_json(&[]).0, 0);

    // --resume offers it; every answer was given, so the preview follows.
    let (run, prompter) = guided(&project, vec![Answer::Choose(0), SAVE], &["--resume"]);
    assert_eq!(run.code, 0, "{}\n{:#?}", run.stderr, prompter.transcript);
    assert!(
        saw(&prompter, "  - Guided Partnership  ("),
        "{:#?}",
        prompter.transcript
    );
    assert!(!saw(&prompter, "officer network"), "no screening again");
    assert!(project.path("register/guided-partnership.toml").is_file());
    assert!(drafts(&project).is_empty(), "the draft went once the entry was written");
    // The draft carried the Part 2 answers.
    let t: toml::Table = toml::from_str(&read(&project, "register/guided-partnership.toml")).unwrap();
    assert_eq!(t["member_places"].as_integer(), Some(1));
    assert_eq!(t["case"]["grounds"][1].as_str(), Some("statutory-duty"));
    assert_eq!(t["case"]["better_than_alone"].as_bool(), Some(false));
}

#[test]
fn ctrl_c_keeps_a_draft_and_resume_carries_on_from_the_next_question() {
    let project = Project::new();
    let mut answers = proposed_answers();
    answers.truncate(8); // up to the status
    answers.push(Answer::Interrupt);
    let (run, _) = guided(&project, answers, &[]);
    assert_eq!(run.code, 130, "{}", run.stderr);
    assert!(run.stderr.contains("kept as a draft"));
    assert_eq!(register_files(&project), 0);

    let mut rest = vec![Answer::Choose(0)];
    rest.extend(proposed_answers().into_iter().skip(8));
    rest.push(SAVE);
    let (run, prompter) = guided(&project, rest, &["--resume"]);
    assert_eq!(run.code, 0, "{}\n{:#?}", run.stderr, prompter.transcript);
    assert!(!saw(&prompter, "What is the name"), "{:#?}", prompter.transcript);
    let t: toml::Table = toml::from_str(&read(&project, "register/guided-partnership.toml")).unwrap();
    assert_eq!(t["lead_partner"].as_str(), Some("Norfolk County Council"));
    assert!(drafts(&project).is_empty());
}

#[test]
fn nothing_answered_leaves_no_draft() {
    let project = Project::new();
    let (run, _) = guided(
        &project,
        vec![Answer::No, Answer::No, Answer::No, Answer::Interrupt],
        &[],
    );
    assert_eq!(run.code, 130);
    assert!(run.stderr.contains("Nothing was written"), "{}", run.stderr);
    assert!(drafts(&project).is_empty());
    let (run, _) = guided(&project, vec![Answer::Cancel], &[]);
    assert_eq!(run.code, 0);
    assert!(run.stderr.contains("Nothing was written"), "{}", run.stderr);
}

#[test]
fn representatives_typed_together_are_split_once_confirmed() {
    let project = Project::new();
    let mut answers = proposed_answers();
    let at = answers.iter().position(|a| *a == text("Cllr Ann Brown")).unwrap();
    answers.splice(
        at..at + 10,
        [
            text("Sam Jones / Alex Reed"),
            Answer::Yes, // two people
            Answer::Choose(0),
            text(""),
            text(""),
            text(""),
            Answer::Choose(8), // no role recorded
            Answer::Choose(3), // term not recorded
            Answer::Choose(5), // appointer not recorded
            Answer::Choose(3), // Alex Reed: officer
            text(""),
            text(""),
            text(""),
            Answer::Choose(8),
            Answer::Choose(3),
            Answer::Choose(5),
            text("Kim Lee; Ray Fox"),
            Answer::No, // one person with that name after all
            Answer::Choose(3),
            text(""),
            text(""),
            text(""),
            Answer::Choose(8),
            Answer::Choose(3),
            Answer::Choose(5),
            text(""), // no more
        ],
    );
    answers.push(SAVE);
    let (run, prompter) = guided(&project, answers, &[]);
    assert_eq!(run.code, 0, "{}\n{:#?}", run.stderr, prompter.transcript);
    assert!(saw(&prompter, "That looks like 2 people: Sam Jones, Alex Reed."));
    let t: toml::Table = toml::from_str(&read(&project, "register/guided-partnership.toml")).unwrap();
    let names: Vec<&str> = t["representatives"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Sam Jones", "Alex Reed", "Kim Lee; Ray Fox"]);
    assert_eq!(t["representatives"][1]["level"].as_str(), Some("officer"));
}

#[test]
fn appendix_c_can_be_answered_by_section() {
    let project = Project::new();
    let mut answers = proposed_answers();
    answers.pop(); // not skipped this time
    answers.extend([
        Answer::Choose(2), // choose sections
        Answer::Choose(2), // Finance
        Answer::Choose(5), // Done (after the five sections)
        text("Yes, £12,500 a year."),
    ]);
    answers.extend(std::iter::repeat_n(text(""), 5));
    answers.push(SAVE);
    let (run, prompter) = guided(&project, answers, &[]);
    assert_eq!(run.code, 0, "{}\n{:#?}", run.stderr, prompter.transcript);
    assert!(prompter.finished(), "{:#?}", prompter.transcript);
    assert!(!saw(&prompter, "Governance: what is the structure"));
    let t: toml::Table = toml::from_str(&read(&project, "register/guided-partnership.toml")).unwrap();
    let q = t["questions"].as_table().unwrap();
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q["contribution"].as_str(), Some("Yes, £12,500 a year."));
}

#[test]
fn flags_given_are_not_asked_again() {
    let project = Project::new();
    let mut answers = proposed_answers();
    answers.remove(3); // the name comes from --name
    answers.push(SAVE);
    let (run, prompter) = guided(&project, answers, &["--name", "Guided Partnership"]);
    assert_eq!(run.code, 0, "{}\n{:#?}", run.stderr, prompter.transcript);
    assert!(!saw(&prompter, "What is the name"));
}

#[test]
fn no_input_never_asks_and_resume_needs_a_terminal() {
    let project = Project::new();
    let (run, prompter) = guided(&project, vec![], &["--no-input", "--name", "X"]);
    assert_eq!(run.code, 2);
    assert!(prompter.transcript.is_empty());
    let run = project.run(&["add", "--resume"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("needs a terminal"), "{}", run.stderr);
}

#[test]
fn the_guided_flow_for_a_partnership_being_left_asks_for_the_exit_strategy() {
    let project = Project::new();
    let mut answers = proposed_answers();
    answers[7] = Answer::Choose(2); // status: exiting
    let tail = answers.split_off(answers.len() - 2); // ratings offer, Appendix C
    answers.truncate(answers.len() - case_answers().len()); // no case for joining: not proposed
    answers.push(text("")); // joined: not known (comments and documents are empty too)
    answers.extend([
        Answer::Choose(2), // reason: priorities-changed
        Answer::Choose(6), // Done (after the six reasons)
        text("Loss of influence."),
        text("Keep officer contact."),
        Answer::Choose(0), // approved by CMT
        text("01/10/2026"),
        Answer::No, // not significant
    ]);
    answers.extend(tail);
    answers.push(SAVE);
    let (run, prompter) = guided(&project, answers, &[]);
    assert_eq!(run.code, 0, "{}\n{:#?}", run.stderr, prompter.transcript);
    let t: toml::Table = toml::from_str(&read(&project, "register/guided-partnership.toml")).unwrap();
    assert_eq!(t["exit"]["reasons"][0].as_str(), Some("priorities-changed"));
    assert_eq!(t["exit"]["approved_by"].as_str(), Some("cmt"));
    assert_eq!(t["exit"]["approved_on"].to_string(), "2026-10-01");
    assert_eq!(project.check_json(&[]).0, 0);
}

#[test]
fn the_guided_flow_refuses_a_name_already_on_the_register_as_it_is_typed() {
    let project = Project::new();
    assert_eq!(add(&project, "Guided Partnership", &["--id", "first"]).code, 0);
    let mut answers = proposed_answers();
    answers.insert(3, text("guided  PARTNERSHIP")); // refused, asked again
    answers[4] = text("Another Guided Partnership");
    answers.push(SAVE);
    let (run, prompter) = guided(&project, answers, &[]);
    assert_eq!(run.code, 0, "{}\n{:#?}", run.stderr, prompter.transcript);
    assert!(
        prompter
            .transcript
            .iter()
            .any(|t| t.starts_with("! a partnership called \"guided  PARTNERSHIP\" is already on the register")),
        "{:#?}",
        prompter.transcript
    );
    assert!(project.path("register/another-guided-partnership.toml").is_file());
}

#[test]
fn a_significant_partnership_is_recorded_as_exiting_until_the_executive_has_reviewed_it() {
    let project = Project::new();
    let mut answers = proposed_answers();
    answers[7] = Answer::Choose(3); // status: exited
    let tail = answers.split_off(answers.len() - 2);
    answers.truncate(answers.len() - case_answers().len());
    answers.push(text("")); // joined: not known
    answers.extend([
        Answer::Choose(6), // Done: no reasons
        text("Loss of influence."),
        text("Keep officer contact."),
        Answer::Choose(1), // approved by the Executive
        text("2026-10-01"),
        Answer::Yes, // significant
        Answer::No,  // not yet reviewed by the Executive
        Answer::Yes, // record it as exiting for now
    ]);
    answers.extend(tail);
    answers.push(SAVE);
    let (run, prompter) = guided(&project, answers, &[]);
    assert_eq!(run.code, 0, "{}\n{:#?}", run.stderr, prompter.transcript);
    let t: toml::Table = toml::from_str(&read(&project, "register/guided-partnership.toml")).unwrap();
    assert_eq!(t["status"].as_str(), Some("exiting"));
    assert_eq!(t["exit"]["executive_reviewed"].as_bool(), Some(false));
    assert_eq!(project.check_json(&[]).0, 0);
}

#[test]
fn changing_the_status_at_the_preview_asks_what_the_new_status_needs() {
    let project = Project::new();
    let mut answers = proposed_answers();
    answers.extend([CHANGE, Answer::Choose(3), Answer::Choose(1)]); // active
    answers.extend([
        text("Cut waste"), // objectives: left empty before, needed now
        text(""),
        text("Jo Lead"), // the Lead Officer, asked of an active partnership
        text(""),        // joined: not known
        Answer::Choose(4),
        text("Jo Smith"),
        Answer::Choose(0),
        Answer::Choose(0), // approved by CMT (the contribution is budgeted)
        text("20/03/2025"),
        text("Cllr Pat Holder"),
    ]);
    answers.extend(std::iter::repeat_n(Answer::Choose(1), 16)); // ratings
    answers.extend([text("15/10/2026"), text("CI&P Team"), Answer::Choose(0)]);
    answers.push(SAVE);
    let (run, prompter) = guided(&project, answers, &[]);
    assert_eq!(run.code, 0, "{}\n{:#?}", run.stderr, prompter.transcript);
    assert!(prompter.finished(), "{:#?}", prompter.transcript);
    assert!(
        saw(&prompter, "warning (`partreg check --strict` fails on it)"),
        "the proposed one was unrated"
    );
    let asked = |q: &str| prompter.transcript.iter().filter(|t| t.contains(q)).count();
    assert_eq!(asked("? What is the name"), 1, "answered questions are not asked again");
    let strict = project.run(&["check", "--strict", "--as-of", crate::support::AS_OF]);
    assert_eq!(strict.code, 0, "{}{}", strict.stdout, strict.stderr);
}

/// Runs the guided flow up to `answers` and Ctrl-C, then resumes with
/// `rest` (the draft chosen first, the preview saved last): the entry
/// written and what the resumed run was asked.
fn interrupt_and_resume(project: &Project, mut answers: Vec<Answer>, rest: Vec<Answer>) -> (toml::Table, Scripted) {
    answers.push(Answer::Interrupt);
    let (run, _) = guided(project, answers, &[]);
    assert_eq!(run.code, 130, "{}", run.stderr);
    assert!(run.stderr.contains("kept as a draft"), "{}", run.stderr);
    let mut again = vec![Answer::Choose(0)];
    again.extend(rest);
    again.push(SAVE);
    let (run, prompter) = guided(project, again, &["--resume"]);
    assert_eq!(run.code, 0, "{}\n{:#?}", run.stderr, prompter.transcript);
    assert!(prompter.finished(), "{:#?}", prompter.transcript);
    let t: toml::Table = toml::from_str(&read(project, "register/guided-partnership.toml")).unwrap();
    (t, prompter)
}

#[test]
fn ctrl_c_in_appendix_c_keeps_the_answers_given_and_resume_carries_on() {
    let project = Project::new();
    let mut answers = proposed_answers();
    answers.pop(); // not skipped this time
    answers.extend([Answer::Choose(1), text("A committee."), text(""), text("The Chair.")]);
    let rest = std::iter::repeat_n(text(""), 20).chain([text("Yes, two.")]).collect();
    let (t, prompter) = interrupt_and_resume(&project, answers, rest);
    assert!(
        saw(&prompter, "4 answers to Appendix C kept from the draft"),
        "{:#?}",
        prompter.transcript
    );
    assert!(!saw(&prompter, "Governance: what is the structure"), "not asked again");
    assert!(
        !saw(&prompter, "The Appendix C questions for assessing"),
        "not asked again"
    );
    let q = t["questions"].as_table().unwrap();
    assert_eq!(q["structure"].as_str(), Some("A committee."));
    assert_eq!(q["representation"].as_str(), Some("The Chair."));
    assert_eq!(q["political_agendas"].as_str(), Some("Yes, two."));
    assert_eq!(q.len(), 3, "{q:?}");
}

#[test]
fn ctrl_c_while_choosing_appendix_c_sections_keeps_the_ticks() {
    let project = Project::new();
    let mut answers = proposed_answers();
    answers.pop();
    answers.extend([Answer::Choose(2), Answer::Choose(2)]); // by section: Finance ticked
    // Done, then the six Finance questions.
    let mut rest = vec![Answer::Choose(5), text("Yes.")];
    rest.extend(std::iter::repeat_n(text(""), 5));
    let (t, prompter) = interrupt_and_resume(&project, answers, rest);
    assert!(!saw(&prompter, "Governance: what is the structure"));
    assert_eq!(t["questions"]["contribution"].as_str(), Some("Yes."));
}

#[test]
fn ctrl_c_in_the_ratings_keeps_the_criteria_rated_and_resume_carries_on() {
    let project = Project::new();
    let mut answers = proposed_answers();
    let skip_c = answers.pop().unwrap();
    answers.pop(); // Appendix B now, this time
    answers.extend([Answer::Yes, Answer::Choose(0), Answer::Choose(1)]);
    // The other 3 risk and 9 value criteria not rated, both overall
    // ratings left unrecorded.
    let mut rest: Vec<Answer> = std::iter::repeat_n(Answer::Choose(3), 14).collect();
    rest.push(skip_c);
    let (t, prompter) = interrupt_and_resume(&project, answers, rest);
    assert!(
        saw(&prompter, "2 answers to the Appendix B ratings kept from the draft"),
        "{:#?}",
        prompter.transcript
    );
    assert!(!saw(&prompter, "Rate it against the Appendix B"), "not asked again");
    assert!(
        saw(&prompter, "Overall risk rating (the criteria give Medium)"),
        "the kept ratings count"
    );
    let mut risk: Vec<&str> = t["risk"]
        .as_table()
        .unwrap()
        .values()
        .filter_map(toml::Value::as_str)
        .collect();
    risk.sort_unstable();
    assert_eq!(risk, ["high", "medium"], "{t:#?}");
}

#[test]
fn ctrl_c_after_an_overall_rating_keeps_it() {
    let project = Project::new();
    let mut answers = proposed_answers();
    let skip_c = answers.pop().unwrap();
    answers.pop();
    answers.extend([Answer::Yes, Answer::Choose(0), Answer::Choose(1)]);
    answers.extend(std::iter::repeat_n(Answer::Choose(3), 12));
    answers.push(Answer::Choose(1)); // overall risk: Medium, as the criteria give
    let (t, prompter) = interrupt_and_resume(&project, answers, vec![Answer::Choose(3), skip_c]);
    assert!(!saw(&prompter, "Overall risk rating"), "{:#?}", prompter.transcript);
    assert_eq!(t["risk"]["overall"].as_str(), Some("medium"), "{t:#?}");
}

/// The answers of a partnership being left, up to its exit strategy, and
/// the two answers after it (the ratings offer, Appendix C).
pub(crate) fn exiting_answers() -> (Vec<Answer>, Vec<Answer>) {
    let mut answers = proposed_answers();
    answers[7] = Answer::Choose(2); // status: exiting
    let tail = answers.split_off(answers.len() - 2);
    answers.truncate(answers.len() - case_answers().len());
    answers.push(text("")); // joined: not known
    (answers, tail)
}

#[test]
fn ctrl_c_in_the_exit_strategy_keeps_the_answers_given_and_resume_carries_on() {
    let project = Project::new();
    let (mut answers, tail) = exiting_answers();
    answers.extend([
        Answer::Choose(2), // reason: priorities-changed
        Answer::Choose(6), // Done
        text("Loss of influence."),
    ]);
    let mut rest = vec![
        text("Keep officer contact."),
        Answer::Choose(0), // approved by CMT
        text("01/10/2026"),
        Answer::No,
    ];
    rest.extend(tail);
    let (t, prompter) = interrupt_and_resume(&project, answers, rest);
    assert!(
        saw(&prompter, "2 answers to the exit strategy kept from the draft"),
        "{:#?}",
        prompter.transcript
    );
    assert!(!saw(&prompter, "Why is the council leaving?"), "not asked again");
    assert!(!saw(&prompter, "What are the risks"), "not asked again");
    assert_eq!(t["exit"]["reasons"][0].as_str(), Some("priorities-changed"));
    assert_eq!(t["exit"]["risks"].as_str(), Some("Loss of influence."));
    assert_eq!(t["exit"]["controls"].as_str(), Some("Keep officer contact."));
    assert_eq!(project.check_json(&[]).0, 0);
}

#[test]
fn ctrl_c_while_ticking_reasons_for_leaving_keeps_the_ticks() {
    let project = Project::new();
    let (mut answers, tail) = exiting_answers();
    answers.push(Answer::Choose(2)); // priorities-changed ticked, not Done
    let mut rest = vec![
        Answer::Choose(6), // Done: the tick is still there
        text("Loss of influence."),
        text("Keep officer contact."),
        Answer::Choose(2), // not yet approved
        text(""),
        Answer::No,
    ];
    rest.extend(tail);
    let (t, _) = interrupt_and_resume(&project, answers, rest);
    assert_eq!(t["exit"]["reasons"][0].as_str(), Some("priorities-changed"), "{t:#?}");
}

#[test]
fn a_draft_saved_before_groups_were_kept_still_loads() {
    // A draft of an older partreg: no [partial] at all, so Appendix C is
    // asked from its beginning.
    let project = Project::new();
    let mut answers = proposed_answers();
    answers.pop();
    answers.push(Answer::Interrupt);
    let (run, _) = guided(&project, answers, &[]);
    assert_eq!(run.code, 130, "{}", run.stderr);
    let path = project.path(".partreg/drafts/guided-partnership.toml");
    let mut draft: toml::Table = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    draft.remove("partial");
    std::fs::write(&path, toml::to_string(&draft).unwrap()).unwrap();
    let (run, prompter) = guided(
        &project,
        vec![Answer::Choose(0), Answer::Choose(0), SAVE],
        &["--resume"],
    );
    assert_eq!(run.code, 0, "{}\n{:#?}", run.stderr, prompter.transcript);
    assert!(saw(&prompter, "The Appendix C questions for assessing"));
    assert!(!saw(&prompter, "kept from the draft"));
}
