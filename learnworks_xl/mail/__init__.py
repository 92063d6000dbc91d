"""E-mail the finished workbook: compose a Thai message and send it over SMTP.

Standard library only (``smtplib``, ``email``, ``ssl``); the optional ``keyring`` package is
used for the password when it is installed.
"""

from __future__ import annotations

from learnworks_xl.mail.compose import body_text, compose, subject_line, to_bytes, write_eml
from learnworks_xl.mail.config import (
    KEYRING_SERVICE,
    PASSWORD_ENV,
    Addresses,
    Secret,
    SmtpServer,
    addresses,
    require_password,
    smtp_password,
    smtp_server,
)
from learnworks_xl.mail.errors import (
    MailAuthError,
    MailConnectError,
    MailError,
    MailProtocolError,
    MailRecipientsRefused,
    MailSenderRefused,
    MailTLSError,
    MailTooLargeError,
)
from learnworks_xl.mail.job import EmailResult, email_workbook, result_lines
from learnworks_xl.mail.send import Delivery, send
from learnworks_xl.mail.summary import MailSummary

__all__ = [
    "KEYRING_SERVICE",
    "PASSWORD_ENV",
    "Addresses",
    "Delivery",
    "EmailResult",
    "MailAuthError",
    "MailConnectError",
    "MailError",
    "MailProtocolError",
    "MailRecipientsRefused",
    "MailSenderRefused",
    "MailSummary",
    "MailTLSError",
    "MailTooLargeError",
    "Secret",
    "SmtpServer",
    "addresses",
    "body_text",
    "compose",
    "email_workbook",
    "require_password",
    "result_lines",
    "send",
    "smtp_password",
    "smtp_server",
    "subject_line",
    "to_bytes",
    "write_eml",
]
