"""xlwings Server for the workbook's buttons: FastAPI, one endpoint per button.

The workbook's VBA client (``RunRemotePython "<url>/validate", auth:=<key>``) posts the
book's values; the endpoint builds ``xw.Book(json=payload)``, runs the same entry point as
local mode (:mod:`learnworks_xl.xl.buttons`) and answers with the actions the client replays.

In front of every button, in this order and before any work:

1. **API key** (``Authorization: <key>`` or ``Bearer <key>``) — missing or wrong → 401;
   the body is not even read.
2. **Size limit** — a body over the limit → 413.
3. **JSON** — read as the VBA client writes it (:mod:`~learnworks_xl.xl.clientjson`: its
   empty elements for newer error values and its unquoted long numeric texts repaired,
   Buddhist-calendar dates made Gregorian); still not JSON → 422 saying where it broke.
4. **xlwings version** — the workbook's VBA client must be the server's version → 400.
5. **Shape** — not the client's payload → 422 (never 500).

Errors are plain text, Thai then English, because the VBA client shows the body of a failed
response in a message box. Logs are one JSON object per line and never contain the key or
cell values. CORS is closed unless origins are configured.
"""

from __future__ import annotations

import hmac
import json
import logging
import os
import threading
import time
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any

import xlwings as xw
from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from learnworks_xl.errors import ConfigError
from learnworks_xl.xl import buttons, clientjson
from learnworks_xl.xl.clientjson import BodyNotJson
from learnworks_xl.xl.request import ClientRequest, describe_errors

ENV_KEY = "LEARNWORKS_API_KEY"
ENV_MAX_MB = "LEARNWORKS_MAX_REQUEST_MB"
ENV_CORS = "LEARNWORKS_CORS_ORIGINS"
#: A key shorter than this is refused at start-up.
MIN_KEY_LENGTH = 16
DEFAULT_MAX_MB = 64

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

log = logging.getLogger("learnworks.server")


class JsonLogFormatter(logging.Formatter):
    """One JSON object per line: time, level, event and the record's ``fields``."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)),
            "level": record.levelname.lower(),
            "event": record.getMessage(),
        }
        entry.update(getattr(record, "fields", {}))
        return json.dumps(entry, ensure_ascii=False, default=str)


def _event(level: int, event: str, **fields: Any) -> None:
    log.log(level, event, extra={"fields": fields})


@dataclass(frozen=True)
class ServerConfig:
    """What the server needs: the API key, the request-size limit, the allowed origins."""

    api_key: str
    max_body: int = DEFAULT_MAX_MB * 2**20
    cors_origins: tuple[str, ...] = ()

    def __repr__(self) -> str:  # never print the key
        return (f"ServerConfig(api_key='***', max_body={self.max_body}, "
                f"cors_origins={self.cors_origins!r})")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> ServerConfig:
        """Read the configuration from environment variables.

        ``LEARNWORKS_API_KEY`` (required, at least 16 characters),
        ``LEARNWORKS_MAX_REQUEST_MB`` (default 64), ``LEARNWORKS_CORS_ORIGINS``
        (comma-separated; default none, i.e. CORS closed).

        Raises:
            ConfigError: The key is missing or too short, or the limit is not a number.
        """
        env = os.environ if env is None else env
        key = env.get(ENV_KEY, "").strip()
        if not key:
            raise ConfigError(
                f"ยังไม่ได้กำหนดรหัส API ของเซิร์ฟเวอร์ กรุณาตั้งค่าตัวแปรสภาพแวดล้อม {ENV_KEY}",
                f"{ENV_KEY} is not set: the server refuses to run without an API key")
        if len(key) < MIN_KEY_LENGTH:
            raise ConfigError(
                f"รหัส API ใน {ENV_KEY} สั้นเกินไป ต้องยาวอย่างน้อย {MIN_KEY_LENGTH} ตัวอักษร",
                f"{ENV_KEY} is shorter than {MIN_KEY_LENGTH} characters")
        try:
            max_mb = float(env.get(ENV_MAX_MB, DEFAULT_MAX_MB))
        except ValueError:
            raise ConfigError(f"ค่า {ENV_MAX_MB} ต้องเป็นตัวเลข (เมกะไบต์)",
                              f"{ENV_MAX_MB} must be a number of megabytes") from None
        origins = tuple(o.strip() for o in env.get(ENV_CORS, "").split(",") if o.strip())
        return cls(key, int(max_mb * 2**20), origins)


def _text(status: int, th: str, en: str) -> tuple[int, bytes]:
    return status, f"{th} ({en})".encode()


def unauthorized() -> tuple[int, bytes]:
    """The 401 answer: names where the buttons take the key from (never the workbook)."""
    return _text(
        401,
        f"รหัส API ไม่ถูกต้องหรือไม่ได้ส่งมา ปุ่มในสมุดงานส่งรหัสจากตัวแปรสภาพแวดล้อม {ENV_KEY} "
        f"ของเครื่องนี้ (หรือบรรทัด {ENV_KEY} ในไฟล์ xlwings.conf ของผู้ใช้) "
        "กรุณาให้ผู้ดูแลระบบตั้งรหัสให้ตรงกับของเซิร์ฟเวอร์ แล้วปิด Excel และเปิดใหม่",
        f"missing or wrong API key: the buttons send {ENV_KEY} from the PC's environment "
        "or from the user's xlwings.conf file")


def too_large(limit: int) -> tuple[int, bytes]:
    """The 413 answer."""
    mb = limit / 2**20
    return _text(413, f"ข้อมูลในสมุดงานมีขนาดเกิน {mb:g} MB ที่เซิร์ฟเวอร์รับได้",
                 f"request body larger than {mb:g} MB")


def version_mismatch(client: str) -> tuple[int, bytes]:
    """The 400 answer when the workbook's xlwings VBA client is another version."""
    return _text(
        400,
        f"สมุดงานนี้ใช้ xlwings รุ่น {client} แต่เซิร์ฟเวอร์ใช้รุ่น {xw.__version__} "
        "กรุณาใช้สมุดงานรุ่นล่าสุดจากผู้ดูแลระบบ หรือให้ผู้ดูแลติดตั้ง xlwings รุ่นเดียวกันบนเซิร์ฟเวอร์",
        f"xlwings version mismatch: workbook VBA client {client}, server {xw.__version__}; "
        f"rebuild the workbook or install xlwings=={xw.__version__} on the server")


def malformed(detail: str) -> tuple[int, bytes]:
    """The 422 answer for JSON that is not the client's payload."""
    return _text(422, "ข้อมูลที่สมุดงานส่งมาไม่อยู่ในรูปแบบที่เซิร์ฟเวอร์อ่านได้ "
                 "กรุณากดปุ่มจากสมุดงาน learnworks เท่านั้น", f"malformed request: {detail}")


def not_json(exc: BodyNotJson) -> tuple[int, bytes]:
    """The 422 answer for a body that is not JSON even after the repairs: where it broke."""
    where = f" ในชีต «{exc.sheet}»" if exc.sheet else ""
    return _text(
        422,
        f"ข้อมูลที่สมุดงานส่งมาอ่านเป็น JSON ไม่ได้ตั้งแต่อักขระที่ {exc.position + 1:,}{where} "
        "จึงยังไม่ได้ทำงานใด ๆ ข้อมูลอาจส่งมาไม่ครบ หรือตัวเชื่อมต่อ xlwings ใน Excel "
        "เขียนค่าบางเซลล์ผิดรูปแบบ กรุณากดปุ่มอีกครั้ง หากยังไม่ได้ให้ตรวจเซลล์ที่แสดงค่าผิดพลาด"
        "ในชีตนั้น หรือเปลี่ยนโหมดเป็น Python ในเครื่อง แล้วแจ้งผู้ดูแลระบบ",
        f"malformed request: not JSON at character {exc.position + 1}: {exc.reason}")


async def _respond(send: Send, status: int, body: bytes) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def key_matches(header: str | None, key: str) -> bool:
    """True when an ``Authorization`` header carries ``key`` (raw or ``Bearer``)."""
    if not header:
        return False
    token = header.strip()
    if token[:7].lower() == "bearer ":
        token = token[7:].strip()
    return hmac.compare_digest(token.encode(), key.encode())


class GuardMiddleware:
    """API key, then size limit, before the application sees the request.

    The body is buffered here (up to the limit) only after the key has been checked, so a
    request without the key costs no more than reading its headers.
    """

    OPEN_PATHS = frozenset({"/health"})

    def __init__(self, app: ASGIApp, config: ServerConfig) -> None:
        self.app = app
        self.config = config

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in self.OPEN_PATHS:
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope.get("headers", [])}
        client = (scope.get("client") or ("?", 0))[0]
        if not key_matches(headers.get("authorization"), self.config.api_key):
            _event(logging.WARNING, "auth-refused", path=scope["path"], client=client,
                   key_sent="authorization" in headers)
            await _respond(send, *unauthorized())
            return
        limit = self.config.max_body
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            _event(logging.WARNING, "too-large", path=scope["path"], bytes=int(declared))
            await _respond(send, *too_large(limit))
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                _event(logging.WARNING, "too-large", path=scope["path"], bytes=size)
                await _respond(send, *too_large(limit))
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return {"type": "http.disconnect"}
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


def check_request(body: bytes) -> tuple[dict[str, Any] | None, tuple[int, bytes] | None]:
    """Parse and check a button request: the payload, or the error answer.

    Order: JSON as the VBA client writes it (422) → version (400) → shape (422). Cells the
    client could not write become :data:`~learnworks_xl.xl.clientjson.NEWER_ERROR` and
    Buddhist-era dates Gregorian (:mod:`learnworks_xl.xl.clientjson`).
    """
    try:
        data = clientjson.loads(body)
    except clientjson.BodyNotJson as exc:
        return None, not_json(exc)
    if not isinstance(data, dict):
        return None, malformed("the body is not a JSON object")
    version = data.get("version")
    if isinstance(version, str) and version != xw.__version__:
        return None, version_mismatch(version[:50])
    clientjson.normalise(data)
    try:
        ClientRequest.model_validate(data)
    except ValidationError as exc:
        return None, malformed(describe_errors(exc))
    return data, None


#: One press at a time per process: xlwings' remote engine keeps its books in one shared
#: list and ``app.macro`` (the message box) writes to the *active* book, so two presses in
#: threads could mix their actions. The work is CPU-bound (one GIL) anyway; run workers for
#: parallel presses.
_PRESS = threading.Lock()


def run_button(name: str, data: dict[str, Any]) -> dict[str, Any]:
    """Build the book from the payload, run one button, return the client's actions."""
    with _PRESS, xw.Book(json=data) as book:
        buttons.BUTTONS[name](book)
        result: dict[str, Any] = book.json()
        return result


def create_app(config: ServerConfig) -> FastAPI:
    """Make the server application.

    Args:
        config: The API key, size limit and CORS origins.

    Returns:
        The FastAPI app: ``POST /<button>`` for each of :data:`buttons.BUTTONS`,
        ``GET /stats`` (runs per button, with the key) and ``GET /health`` (open).
    """
    app = FastAPI(title="learnworks xlwings Server", docs_url=None, redoc_url=None,
                  openapi_url=None)
    runs = dict.fromkeys(buttons.BUTTONS, 0)
    app.state.runs = runs

    def endpoint(name: str) -> Callable[[Request], Awaitable[Response]]:
        async def handle(request: Request) -> Response:
            started = time.perf_counter()
            data, failure = check_request(await request.body())
            if failure is not None:
                status, text = failure
                _event(logging.WARNING, "rejected", button=name, status=status,
                       reason=text.decode().rsplit("(", 1)[-1].rstrip(")")[:200])
                return PlainTextResponse(text.decode(), status_code=status)
            assert data is not None
            try:
                result = await run_in_threadpool(run_button, name, data)
            except Exception as exc:  # xlwings refused the payload after all
                _event(logging.WARNING, "rejected", button=name, status=422,
                       reason=type(exc).__name__)
                status, text = malformed(f"xlwings cannot read the book ({type(exc).__name__})")
                return PlainTextResponse(text.decode(), status_code=status)
            runs[name] += 1
            _event(logging.INFO, "button", button=name, status=200,
                   ms=round((time.perf_counter() - started) * 1000, 1),
                   sheets=len(data["sheets"]), actions=len(result.get("actions", [])))
            return JSONResponse(result)

        handle.__name__ = f"button_{name}"
        return handle

    for name in buttons.BUTTONS:
        app.add_api_route(f"/{name}", endpoint(name), methods=["POST"])

    async def stats() -> dict[str, Any]:
        return {"xlwings": xw.__version__, "runs": dict(runs)}

    async def health() -> PlainTextResponse:
        return PlainTextResponse("ok")

    app.add_api_route("/stats", stats, methods=["GET"])
    app.add_api_route("/health", health, methods=["GET"])
    app.add_middleware(GuardMiddleware, config=config)
    if config.cors_origins:  # added last: outermost, so preflights are answered first
        app.add_middleware(CORSMiddleware, allow_origins=list(config.cors_origins),
                           allow_methods=["POST", "GET"],
                           allow_headers=["Authorization", "Content-Type"])
    return app


def app_from_env() -> FastAPI:
    """The app configured from the environment (uvicorn's factory, one per worker)."""
    configure_logging()
    return create_app(ServerConfig.from_env())


#: uvicorn's own log lines as JSON too (``uvicorn.run(log_config=LOG_CONFIG)``).
LOG_CONFIG: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "learnworks_xl.xl.server.JsonLogFormatter"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json",
                           "stream": "ext://sys.stderr"}},
    "loggers": {name: {"handlers": ["stderr"], "level": "INFO", "propagate": False}
                for name in ("uvicorn", "learnworks")},
}


def configure_logging(level: int = logging.INFO) -> None:
    """Send ``learnworks.*`` logs to stderr as JSON lines (once)."""
    logger = logging.getLogger("learnworks")
    if not any(isinstance(h.formatter, JsonLogFormatter) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(JsonLogFormatter())
        logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False
