"""The summary of messages at the top of every form in the beheeromgeving.

Django's change form says only "Corrigeer de onderstaande fout(en)." above the form's own
messages (not those of a field), counted per form instead of per message; on a long page a
field's message stood screens away from the top (QA10 B9). The summary lists every message in
the order of the page, each named by its field's label with a link to the field: the form's
fields, its own messages, then each inline table's rows ('Extra gesloten dagen, regel 1,
datum: ...'). `DutchWordingAdmin.render_change_form` puts it in the context;
templates/admin/error_summary.html shows it (admin/change_form.html's `form_top`).
"""

from __future__ import annotations

from django.utils.text import capfirst

# (anchor to link to, what the message is about, message); anchor and about empty for a
# message that names its subject itself.
Line = tuple[str, str, str]


def error_summary(form, inline_admin_formsets=()) -> list[Line]:
    """Every message of ``form`` and of the inline formsets' rows, in the order of the page."""
    lines = _form_lines(form, "")
    for inline in inline_admin_formsets:
        formset = inline.formset
        table = capfirst(str(inline.opts.verbose_name_plural))
        lines += [("", table, str(message)) for message in formset.non_form_errors()]
        for number, row in enumerate(formset.forms, start=1):
            lines += _form_lines(row, f"{table}, regel {number}, ")
    return lines


def _form_lines(form, about: str) -> list[Line]:
    fields = [
        (form[name].auto_id, f"{about}{_label(form, name, about)}", str(message))
        for name in form.fields
        for message in form.errors.get(name, [])
    ]
    own = [("", about.removesuffix(", "), str(message)) for message in form.non_field_errors()]
    return fields + own


def _label(form, name: str, about: str) -> str:
    label = str(form.fields[name].label or name)
    # 'Datum' in a row reads as part of a sentence: 'Extra gesloten dagen, regel 1, datum'.
    return label[:1].lower() + label[1:] if about else label
