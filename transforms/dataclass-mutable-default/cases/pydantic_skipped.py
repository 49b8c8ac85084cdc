# pydantic models copy their defaults per instance: nothing to fix.
from pydantic import BaseModel
from pydantic_settings import BaseSettings


class Model(BaseModel):
    tags: list[str] = []
    meta: dict = {}


class Child(Model):
    more: list = []


class Settings(BaseSettings):
    hosts: list[str] = ["localhost"]

    class Config:
        json_encoders = {}
