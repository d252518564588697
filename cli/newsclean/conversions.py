"""The Simplified/Traditional conversions newsclean offers.

They are OpenCC configuration names, each tested against all of OpenCC's
own cases for it.  The list lives apart from the pass so that the command
line can offer it without importing the pass (start-up stays fast).
"""

CONVERSIONS = ("s2t", "t2s", "s2tw", "tw2s", "s2hk", "hk2s", "s2twp", "tw2sp")
