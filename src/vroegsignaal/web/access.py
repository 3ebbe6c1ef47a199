"""Page access is decided by the access policy in `vroegsignaal.privacy.policy`.

`role_required` keeps its place here for the views that import it; it is the policy's decorator.
"""

from vroegsignaal.privacy.policy import requires, role_required

__all__ = ["requires", "role_required"]
