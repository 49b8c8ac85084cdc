from app.settings import get_settings, Settings
import app.deps as deps


def handler(settings=get_settings(), other=deps.provide(), local=make(), conf=Settings()):
    return settings


def make():
    return 1
