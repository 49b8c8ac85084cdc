import click
import typer
from fastapi import Body, Depends, Header, Query
from fastapi import Path as ApiPath
from pydantic import Field


def get_db():
    return None


def endpoint(db=Depends(get_db), q=Query(None), body=Body(...), agent=Header(None), item=ApiPath(...)):
    return db


def command(name: str = typer.Option("x"), path: str = typer.Argument(...)):
    return name


def model(x: int = Field(0)):
    return x


def other(value=click.Option(["--x"])):
    return value
