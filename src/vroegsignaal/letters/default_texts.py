"""The default text of each kind of letter, used until a municipality writes its own.

Written in B1 Dutch: short sentences, 'u', warm and without blame. A letter names the kind of
creditor, never the amount, and the layout adds every way to respond (phone, e-mail, WhatsApp,
walk-in hours); the text names only those the municipality has ({contactmanieren}). A card left at the door can be read by anyone, so it names no creditor at all.
A placeholder never starts a sentence, because its value starts with a small letter.
A letter may follow one signal or several (two creditors, or two bills of one), so the texts
speak of what is still to be paid, not of 'een rekening' or 'rekeningen'.
The heropaf letter claims no earlier contact: round 1 may have ended without reaching anyone
("Definitief geen contact kunnen krijgen"); it recalls the signal and the offer of help, and names
from whom the municipality heard that paying still does not always work.
What the municipality does with the resident's data is no part of these texts: the letter that
opens a round adds it as a fixed page (`privacy_notice`), so no own text can leave it out.
"""

from __future__ import annotations

from dataclasses import dataclass

from vroegsignaal.letters.kinds import LetterKind


@dataclass(frozen=True)
class Texts:
    """The subject line and the body of a letter (a blank line starts a new paragraph)."""

    subject: str
    body: str


DEFAULT_TEXTS: dict[str, Texts] = {
    LetterKind.FIRST: Texts(
        subject="Wij helpen u graag",
        body="""{aanhef},

Wij kregen een bericht van {soort_schuldeiser}. Daarin staat dat u nog iets moet betalen. Dat kan iedereen overkomen. Daarom schrijven wij u deze brief.

Wij zijn het team Vroegsignalering van de gemeente {gemeente}. Wij bieden u gratis hulp aan. Samen kijken we naar uw geld en uw vaste lasten. Misschien heeft u recht op toeslagen of een andere regeling. Of we maken samen een plan om te betalen wat nog openstaat.

Hulp is vrijwillig. U beslist zelf of u dat wilt. Heeft u alles al betaald of een afspraak gemaakt? Dan hoeft u niets te doen.

Wilt u met ons praten? Neem dan contact met ons op, zoals het u het beste past: {contactmanieren}. Onderaan deze brief staat hoe.

De gemeente mag u deze brief sturen. Dat staat in de Wet gemeentelijke schuldhulpverlening.""",
    ),
    LetterKind.REMINDER: Texts(
        subject="Wij helpen u nog steeds graag",
        body="""{aanhef},

Een paar weken geleden stuurden wij u een brief. Wij kregen toen een bericht van {soort_schuldeiser} over iets dat u nog moest betalen. Misschien is het er nog niet van gekomen om te reageren. Dat begrijpen wij goed.

Ons aanbod staat nog steeds. U kunt gratis met ons praten over uw geld en uw rekeningen. Wij denken met u mee en zoeken samen naar een oplossing. U beslist zelf wat u wilt.

Heeft u het al opgelost? Dan hoeft u niets te doen. Wij vinden het wel fijn als u het ons even laat weten.

U kunt ons {contactmanieren}. Onderaan deze brief staat hoe.""",
    ),
    LetterKind.CARD: Texts(
        subject="Wij kwamen bij u langs",
        body="""{aanhef},

Op {bezoekdatum} kwamen wij bij u langs. U was niet thuis. Jammer, want wij willen u graag iets vertellen over gratis hulp van de gemeente {gemeente}.

Wilt u ons {contactmanieren}? Dan maken we samen een afspraak. Dat kan bij u thuis of op een andere plek.""",
    ),
    LetterKind.APPOINTMENT: Texts(
        subject="Uw afspraak met de gemeente {gemeente}",
        body="""{aanhef},

Fijn dat u een afspraak met ons heeft gemaakt. In deze brief staat de afspraak nog een keer.

Datum: {afspraak_datum}
Tijd: {afspraak_tijd}
Plaats: {afspraak_plaats}

Wij praten samen over uw situatie. Heeft u papieren over uw inkomen en uw vaste lasten? Leg ze dan klaar. Dat hoeft niet, maar het helpt wel.

Kunt u niet op deze dag? Laat het ons weten. Dan maken we een nieuwe afspraak.""",
    ),
    LetterKind.HEROPAF: Texts(
        subject="Hoe gaat het nu met u?",
        body="""{aanhef},

Een tijd geleden kregen wij een bericht van {soort_schuldeiser}. Toen boden wij u hulp aan. Wij willen graag weten hoe het nu met u gaat.

Nu hoorden wij van {soort_schuldeiser} dat het betalen nog niet altijd lukt. Dat kan gebeuren. Soms verandert er iets in uw leven of in uw inkomen. Wij helpen u graag opnieuw, gratis en zonder verplichtingen.

Neem contact met ons op, zoals het u het beste past: {contactmanieren}. Onderaan deze brief staat hoe.""",
    ),
}
