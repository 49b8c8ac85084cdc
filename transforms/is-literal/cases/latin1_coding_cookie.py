# -*- coding: latin-1 -*-
# Café: the bytes stay latin-1.
name = "André"
same = name is "André"
other = name is not "üß"  # ©
