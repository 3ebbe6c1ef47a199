"""An unknown werkbakje or one of another team in ?werkbakje= (an old link, a typed URL) says so
above the list, in Dutch, instead of silently showing all werkbakjes (QA15 B13)."""

from django.urls import reverse

from vroegsignaal.casework.models import Queue


def test_another_teams_werkbakje_is_named_above_the_list(client, caseworker, noord, zuid):
    caseworker.team = zuid
    caseworker.save()
    other = Queue.objects.create(municipality=noord.municipality, name="Wijk Noord", team=noord)
    client.force_login(caseworker)
    html = client.get(reverse("casework:worklist"), {"werkbakje": other.pk}).content.decode()
    alert = html[html.index('data-testid="werkbakje-onbekend"') :]
    assert 'role="alert"' in html[: html.index('data-testid="werkbakje-onbekend"') + 200]
    assert alert.index("bestaat niet of hoort niet bij uw team") < alert.index('id="lijst-kop"')


def test_a_werkbakje_that_does_not_exist_is_named_too(client, caseworker):
    client.force_login(caseworker)
    html = client.get(reverse("casework:worklist"), {"werkbakje": "999999"}).content.decode()
    assert 'data-testid="werkbakje-onbekend"' in html


def test_an_own_werkbakje_gives_no_message(client, caseworker, melding):
    assert melding.queue_id is not None
    client.force_login(caseworker)
    html = client.get(reverse("casework:worklist"), {"werkbakje": melding.queue_id})
    html = html.content.decode()
    assert 'data-testid="werkbakje-onbekend"' not in html
