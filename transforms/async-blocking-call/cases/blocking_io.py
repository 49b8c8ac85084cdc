# pitfix-args: --unsafe-fixes
import asyncio
import os
import socket
import subprocess
import urllib.request

import requests


async def fetch(url):
    data = requests.get(url, timeout=5).json()
    status = requests.head(url).headers["status"]
    page = urllib.request.urlopen(url).read()
    return data, status, page


async def deploy(host):
    subprocess.run(
        ["rsync", "-a", "build/", host],  # the files
        check=True,
    )
    output = subprocess.check_output(["git", "rev-parse", "HEAD"], text=True)
    os.system("sync")
    conn = socket.create_connection((host, 22), timeout=3)
    answer = input("continue? ")
    return output, conn, answer
