"""A messy but realistic delivery file as Dutch office software writes it (Windows-1252, ';')."""

HEADER = (
    "klantnummer;signaaldatum;voorletters;voorvoegsel;achternaam;geboortedatum;straat;huisnummer;"
    "postcode;woonplaats;bsn;bedrag_achterstand;datum_ontstaan;contractsoort;crisissignaal;warme_overdracht"
)
ROWS = [
    # row 2: fine, house number with letter in the same cell, amount with euro sign
    "K001;03-11-2026;J.;van der;Berg;12-05-1980;Hoofdstraat;12a;7511 ab;Enschede;;€ 1.234,56;01-09-2026;particulier;nee;nee",
    # row 3: fine, ISO dates, lower-case postcode, diacritics
    "K002;2026-11-03;É.;;Müller-Öztürk;1975-01-31;Brink;3;7512cd;Enschede;;89,00;2026-09-15;particulier;ja;nee",
    # row 4: invalid postcode (starts with 0)
    "K003;03/11/2026;P.;;Jansen;01/01/1990;Kerkweg;8;0511AB;Enschede;;120,00;01/09/2026;particulier;nee;nee",
    # row 5: future signal date and BSN failing the elfproef
    "K004;03-11-2099;A.;de;Vries;01-01-1960;Laan;1;7511AC;Enschede;123456789;50,00;01-09-2026;particulier;nee;ja",
    # row 6: address in a municipality without an agreement (7550 = Hengelo)
    "K005;03-11-2026;B.;;Bakker;02-02-1970;Markt;5;7550AA;Hengelo;;75,00;01-09-2026;particulier;nee;nee",
]


def messy_file(rows: list[str] | None = None) -> bytes:
    return "\r\n".join([HEADER, *(ROWS if rows is None else rows)]).encode("cp1252")
