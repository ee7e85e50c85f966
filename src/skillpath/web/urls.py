from django.urls import path, re_path

from skillpath.web import (
    account_views,
    activity_views,
    assessment_views,
    check_views,
    knowledge_views,
    kpi_views,
    learner_views,
    resource_views,
    skill_views,
    views,
)

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("c/<slug:slug>/", views.roadmap, name="roadmap"),
    path("c/<slug:slug>/months/<int:number>/", views.month, name="month"),
    path("c/<slug:slug>/topics/<slug:topic_slug>/", views.topic, name="topic"),
    path(
        "c/<slug:slug>/topics/<slug:topic_slug>/progress/",
        learner_views.topic_progress,
        name="topic_progress",
    ),
    path(
        "c/<slug:slug>/topics/<slug:topic_slug>/evidence/",
        learner_views.topic_evidence,
        name="topic_evidence",
    ),
    path(
        "c/<slug:slug>/topics/<slug:topic_slug>/evidence/<int:evidence_id>/public/",
        learner_views.evidence_public,
        name="evidence_public",
    ),
    path(
        "c/<slug:slug>/topics/<slug:topic_slug>/evidence/<int:evidence_id>/delete/",
        learner_views.evidence_delete,
        name="evidence_delete",
    ),
    path("c/<slug:slug>/projects/", views.projects, name="projects"),
    # The plan's resources followed part by part, and the learner's own (issue 15).
    path(
        "c/<slug:slug>/resources/<slug:resource_slug>/",
        resource_views.resource,
        name="resource",
    ),
    path(
        "c/<slug:slug>/resources/<slug:resource_slug>/parts/<slug:part_slug>/",
        resource_views.resource_part,
        name="resource_part",
    ),
    path(
        "c/<slug:slug>/certifications/<slug:certification_slug>/",
        resource_views.certification,
        name="certification",
    ),
    path("resources/", resource_views.resources, name="resources"),
    path("resources/mine/<int:resource_id>/", resource_views.own_resource, name="own_resource"),
    path(
        "resources/mine/<int:resource_id>/parts/<slug:part_slug>/",
        resource_views.own_resource_part,
        name="own_resource_part",
    ),
    path(
        "resources/mine/<int:resource_id>/delete/",
        resource_views.own_resource_delete,
        name="own_resource_delete",
    ),
    path("c/<slug:slug>/assessment/", views.assessment, name="assessment"),
    # Practice checks: spec and stages for everyone, results for the signed-in learner.
    path("checks/", check_views.check_list, name="checks"),
    path("checks/<slug:suite_slug>/", check_views.check_detail, name="check"),
    path(
        "checks/<slug:suite_slug>/interface/",
        check_views.check_interface,
        name="check_interface",
    ),
    path(
        "checks/<slug:suite_slug>/runs/<int:run_id>/",
        check_views.check_run,
        name="check_run",
    ),
    # The learner's own pages.
    path("start/", learner_views.enrol, name="enrol"),
    path("today/", learner_views.today, name="today"),
    path("dashboard/", learner_views.dashboard, name="dashboard"),
    path("report/week/", learner_views.weekly_report, name="weekly_report"),
    path("sessions/", learner_views.sessions, name="sessions"),
    path("sessions/export.csv", learner_views.sessions_export, name="sessions_export"),
    path("sessions/<int:session_id>/edit/", learner_views.session_edit, name="session_edit"),
    path("sessions/<int:session_id>/delete/", learner_views.session_delete, name="session_delete"),
    path("timer/start/", learner_views.timer_start, name="timer_start"),
    path("timer/stop/", learner_views.timer_stop, name="timer_stop"),
    path("calendar/", learner_views.calendar, name="calendar"),
    path(
        "calendar/<int:enrolment_id>/revoke/",
        learner_views.calendar_revoke,
        name="calendar_revoke",
    ),
    re_path(
        r"^calendar/(?P<token>[A-Za-z0-9_-]{1,64})\.ics$",
        learner_views.calendar_feed,
        name="calendar_feed",
    ),
    # The opt-in public progress page: settings for the learner, the page for anyone with
    # its secret address.
    path("sharing/", learner_views.public_page_settings, name="public_page_settings"),
    path("sharing/revoke/", learner_views.public_page_revoke, name="public_page_revoke"),
    re_path(
        r"^p/(?P<share_token>[A-Za-z0-9_-]{1,64})/$",
        learner_views.public_page,
        name="public_page",
    ),
    # Knowledge checks: quizzes and spaced-repetition reviews.
    path("quiz/start/", knowledge_views.quiz_start, name="quiz_start"),
    path("quiz/<int:attempt_id>/", knowledge_views.quiz, name="quiz"),
    path("quiz/<int:attempt_id>/answer/", knowledge_views.quiz_answer, name="quiz_answer"),
    path("review/", knowledge_views.review, name="review"),
    path("review/settings/", knowledge_views.review_settings, name="review_settings"),
    path("review/<int:card_id>/answer/", knowledge_views.review_answer, name="review_answer"),
    path("review/<int:card_id>/reveal/", knowledge_views.review_reveal, name="review_reveal"),
    path("review/<int:card_id>/grade/", knowledge_views.review_grade, name="review_grade"),
    path(
        "review/graded/<int:review_id>/",
        knowledge_views.review_regrade,
        name="review_regrade",
    ),
    # KPIs on the platform: every KPI against the seed's target, and the entered ones.
    path("kpis/", kpi_views.kpis, name="kpis"),
    path(
        "kpis/entries/<int:entry_id>/delete/", kpi_views.kpi_entry_delete, name="kpi_entry_delete"
    ),
    # The level check and milestone gates (issue 9).
    path("assessment/", assessment_views.level_page, name="level"),
    path("assessment/check/", assessment_views.check_again, name="level_check"),
    path("assessment/history/", assessment_views.level_history, name="level_history"),
    path(
        "assessment/milestones/<int:number>/sign-off/",
        assessment_views.sign_off_own,
        name="level_sign_off",
    ),
    path(
        "assessment/learners/<int:learner_id>/",
        assessment_views.mentor_view,
        name="level_learner",
    ),
    path(
        "assessment/learners/<int:learner_id>/milestones/<int:number>/sign-off/",
        assessment_views.sign_off_learner,
        name="level_learner_sign_off",
    ),
    # The skills matrix and the career track.
    path("skills/", skill_views.skills_page, name="skills"),
    path("skills/career/", skill_views.career_choice, name="career_choice"),
    path("skills/learners/<int:learner_id>/", skill_views.mentor_skills, name="skills_learner"),
    # Monthly activities and mock interviews (issue 9).
    path(
        "activities/month/<int:number>/",
        activity_views.activities_month,
        name="activities_month",
    ),
    path(
        "activities/month/<int:number>/<slug:kind>/",
        activity_views.activity_submit,
        name="activity_submit",
    ),
    path("activities/waiting/", activity_views.activities_waiting, name="activities_waiting"),
    path("activities/<int:activity_id>/", activity_views.activity_detail, name="activity"),
    path(
        "activities/<int:activity_id>/sign-off/",
        activity_views.activity_sign_off,
        name="activity_sign_off",
    ),
    path(
        "activities/<int:activity_id>/return/",
        activity_views.activity_return,
        name="activity_return",
    ),
    path(
        "activities/<int:activity_id>/self-assess/",
        activity_views.activity_self_assess,
        name="activity_self_assess",
    ),
    path(
        "activities/<int:activity_id>/interview/",
        activity_views.activity_interview,
        name="activity_interview",
    ),
    # Accounts: Django's own views with our templates.
    path("accounts/login/", account_views.SignInView.as_view(), name="login"),
    path("accounts/logout/", account_views.SignOutView.as_view(), name="logout"),
    path("accounts/password/", account_views.password_change, name="password_change"),
    path("accounts/sessions/", account_views.account_sessions, name="account_sessions"),
    path(
        "accounts/sessions/sign-out-everywhere/",
        account_views.account_sign_out_everywhere,
        name="account_sign_out_everywhere",
    ),
    re_path(
        r"^accounts/sessions/(?P<public_id>[0-9a-f]{32})/sign-out/$",
        account_views.account_session_sign_out,
        name="account_session_sign_out",
    ),
]
