"""Links between the pages of a list, for a page that may show more than one paged list (a
delivery's report: rejected rows and notices), each with its own parameter."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_query(context, parameter: str, number: int) -> str:
    """The page's query string with `parameter` set to `number`, every other parameter kept."""
    query = context.request.GET.copy()
    query[parameter] = number
    return f"?{query.urlencode()}"
