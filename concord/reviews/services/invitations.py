"""Who hears of a survey round: everyone of both parties is invited when it opens, and those who
have not answered are reminded by the daily job (notifications.tasks runs `survey_reminders` with
the day's other reminders, so the e-mail comes in the same digest) in the last days before it
closes. Set-based: one query for the open rounds, one for their respondents' keys, one for the
parties — whatever the number of rounds and people.

Whether someone answered is known only by recomputing their sealed key (core.sealing): the
notification says nothing of what anyone answered, and goes only to the person concerned.
"""

import datetime
from collections import defaultdict

from django.urls import reverse

from concord.access.members import organisations_by_person, parties_by_partnership
from concord.access.models import Membership
from concord.core.sealing import seal
from concord.notifications.models import NotificationKind
from concord.notifications.services import Reminder, store_reminders
from concord.reviews.models import RoundStatus, SurveyResponse, SurveyRound

REMIND_DAYS = 3  # a reminder when the round closes within this many days


def _reminders(
    rounds: list[SurveyRound],
    day: datetime.date,
    members: dict[int, set[int]],
    invitations_only: bool = False,
) -> list[Reminder]:
    parties = parties_by_partnership({r.partnership_id for r in rounds})
    answered = set(SurveyResponse.unscoped.filter(round__in=rounds).values_list("round_id", "respondent"))
    people_of: dict[int, set[int]] = defaultdict(set)  # organisation -> its people
    for person, theirs in members.items():
        for org in theirs:
            people_of[org].add(person)
    keys: dict[int, str] = {}
    found = []
    for round_ in rounds:
        url = reverse("survey-round", args=[round_.pk])
        people = set().union(*(people_of[o] for o in parties.get(round_.partnership_id, set())))
        for person in sorted(people):
            key = keys.setdefault(person, seal("survey", person))
            if (round_.pk, key) in answered:
                continue
            until = f"{round_.closes_on:%d %b %Y}"
            found.append(
                Reminder(
                    person,
                    round_.partnership_id,
                    NotificationKind.SURVEY_INVITED,
                    f"survey:{round_.pk}:invited",
                    f"Relationship survey “{round_.title}”: tell how the partnership is going "
                    f"(open until {until}).",
                    url,
                )
            )
            if not invitations_only and (round_.closes_on - day).days <= REMIND_DAYS:
                found.append(
                    Reminder(
                        person,
                        round_.partnership_id,
                        NotificationKind.SURVEY_REMINDER,
                        f"survey:{round_.pk}:reminder",
                        f"Relationship survey “{round_.title}” closes on {until}: "
                        "your answer is still awaited.",
                        url,
                    )
                )
    return found


def survey_reminders(day: datetime.date, members: dict[int, set[int]]) -> list[Reminder]:
    """Invitations (for anyone who joined a party since the round opened, too) and, in the last
    REMIND_DAYS days, one reminder to everyone of both parties who has not answered."""
    rounds = list(SurveyRound.unscoped.filter(status=RoundStatus.OPEN, closes_on__gte=day))
    return _reminders(rounds, day, members) if rounds else []


def invite(round_: SurveyRound, day: datetime.date) -> int:
    """Invite everyone of both parties to a round that just opened."""
    orgs = parties_by_partnership({round_.partnership_id}).get(round_.partnership_id, set())
    people = set(Membership.unscoped.filter(organisation_id__in=orgs).values_list("user_id", flat=True))
    return store_reminders(_reminders([round_], day, organisations_by_person(people), invitations_only=True))
