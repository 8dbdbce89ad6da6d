"""The planner: which follow-up to do, when, through which channel, and why.

`plan_application(history, playbook, now, defaults)` is a pure function; see
followup.planner.core for how it reads a history.
"""

from followup.planner.context import PlanDefaults
from followup.planner.core import plan_all, plan_application
from followup.planner.sending import send_time

__all__ = ["PlanDefaults", "plan_all", "plan_application", "send_time"]
