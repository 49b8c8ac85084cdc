from abc import ABC
from enum import Enum

class C(ABC, Enum): ...
