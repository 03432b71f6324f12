"""Who publishes at an address: a small table of well-known news hosts, plus the user's own
(`sources:` in site_config.yaml), else the host itself.

A url names its publisher: an article at russian.rt.com is RT's, whatever it quotes.
"""

from __future__ import annotations

from typing import Mapping
from urllib.parse import urlsplit

# Host (or a domain above it) -> the name a reader knows. Sub-domains match their parent
# (amp.ng.ru -> ng.ru); the longest match wins (interfax.az before a shorter one).
PUBLISHERS: dict[str, str] = {
    "rt.com": "RT",
    "russian.rt.com": "RT",
    "tass.ru": "ТАСС",
    "tass.com": "ТАСС",
    "ria.ru": "РИА Новости",
    "rian.ru": "РИА Новости",
    "interfax.ru": "Интерфакс",
    "interfax.az": "Интерфакс-Азербайджан",
    "interfax.com": "Интерфакс",
    "kremlin.ru": "Президент России",
    "government.ru": "Правительство России",
    "mid.ru": "МИД России",
    "ng.ru": "Независимая газета",
    "kommersant.ru": "Коммерсантъ",
    "vedomosti.ru": "Ведомости",
    "rbc.ru": "РБК",
    "iz.ru": "Известия",
    "rg.ru": "Российская газета",
    "gazeta.ru": "Газета.Ru",
    "lenta.ru": "Лента.ру",
    "regnum.ru": "REGNUM",
    "aif.ru": "Аргументы и факты",
    "kp.ru": "Комсомольская правда",
    "mk.ru": "Московский комсомолец",
    "novayagazeta.ru": "Новая газета",
    "vz.ru": "Взгляд",
    "vesti.ru": "Вести",
    "1tv.ru": "Первый канал",
    "ntv.ru": "НТВ",
    "tvzvezda.ru": "Звезда",
    "eadaily.com": "EADaily",
    "sputnik.az": "Sputnik Азербайджан",
    "az.sputniknews.ru": "Sputnik Азербайджан",
    "sputniknews.ru": "Sputnik",
    "azertag.az": "АЗЕРТАДЖ",
    "president.az": "Президент Азербайджана",
    "mfa.gov.az": "МИД Азербайджана",
    "apa.az": "APA",
    "trend.az": "Trend",
    "report.az": "Report",
    "1news.az": "1news.az",
    "armenpress.am": "Арменпресс",
    "news.am": "News.am",
    "reuters.com": "Reuters",
    "apnews.com": "AP",
    "afp.com": "AFP",
    "bloomberg.com": "Bloomberg",
    "bbc.com": "BBC",
    "bbc.co.uk": "BBC",
    "theguardian.com": "The Guardian",
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
}


def host(url: str) -> str:
    """«http://www.kremlin.ru/events/…» -> «kremlin.ru»: lower case, without «www.»."""
    try:
        name = (urlsplit(url).hostname or "").rstrip(".").lower()
    except ValueError:
        return ""
    return name[4:] if name.startswith("www.") else name


def publisher(url: str, own: Mapping[str, str] | None = None) -> str:
    """The publisher a url names: the user's table first, then ours, each by the longest
    matching domain; else the host itself ("" for no url)."""
    name = host(url)
    if not name:
        return ""
    labels = name.split(".")
    for table in (own or {}, PUBLISHERS):
        for i in range(len(labels) - 1):
            found = table.get(".".join(labels[i:]))
            if found:
                return found
    return name
