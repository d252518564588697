"""Reading page dumps: every encoding archives use, odd line breaks, and files that must be refused.

The Simplified and Traditional pages are laid out like real dumps (pagesim)
from paragraphs written for these tests, and encoded here rather than
committed as binary files.  GB18030 against Big5 is the case that matters:
almost any Big5 byte pair is valid GB18030 too, so only detection that knows
the language can get it right.
"""

from __future__ import annotations

import random
import tracemalloc

import pytest

from newsclean.batch import BatchJob, PageTask, clean_page_file
from newsclean.model import Page
from newsclean.reading import (
    InputError,
    ReadLimits,
    decode,
    decode_page,
    parse_size,
    read_page,
    utf16_byte_order,
)
from newsclean.ruleset import load_rules
from newsclean.storage import LocalFiles
from tests.support.newspaper import page
from tests.support.pagesim import dump_paragraphs

SIMPLIFIED = [
    "本报讯 3月12日，区委书记李明率队赴城北新区调研重大项目推进情况，实地察看了智能制造产业园、"
    "人才公寓和滨河绿道建设现场，详细了解项目进度、资金保障和用工情况。",
    "李明指出，重大项目是稳增长、调结构、惠民生的重要抓手。各部门要坚持问题导向，主动靠前服务，"
    "帮助企业解决用地、审批、融资等方面的实际困难，确保项目早开工、早投产、早见效。",
    "在人才公寓项目现场，李明与施工单位负责人深入交流。他强调，要严格落实安全生产责任制，"
    "加强质量监管，把好事办好、实事办实，让引进的人才住得安心、干得舒心。",
    "调研中，李明还听取了城北新区管委会关于今年一季度经济运行情况的汇报。今年以来，"
    "新区新签约项目二十三个，总投资超过一百二十亿元，其中高新技术项目占比近六成。",
]
TRADITIONAL = [
    "【本報訊】行政院今日召開院會，通過「長期照顧服務法」部分條文修正草案，將擴大居家照顧服務對象，"
    "並提高偏鄉地區照顧服務員的交通補助。衛福部長表示，修法後預計每年可多照顧約三萬名失能長者。",
    "根據衛福部統計，目前全國六十五歲以上人口已超過四百萬人，其中失能及失智人口約八十萬人。"
    "部長指出，隨著人口快速老化，照顧需求逐年攀升，政府必須及早布局，建立完善的社區照顧體系。",
    "草案也明定，地方政府應每兩年檢討轄區內照顧資源分布情形，並優先在資源不足的鄉鎮設置日間照顧中心。"
    "對於聘僱外籍看護的家庭，政府將提供喘息服務，讓家屬獲得適當休息。",
    "立法院社會福利及衛生環境委員會召集委員表示，將盡速排審本案，希望在本會期內完成三讀，讓民眾早日受惠。",
]
SEEDS = range(6)


def dump(paragraphs: list[str], seed: int, headline: str, byline: str) -> str:
    """A page dump of some of ``paragraphs``, hard-wrapped at a column width chosen by ``seed``."""
    rng = random.Random(seed)
    body = dump_paragraphs(paragraphs[: rng.randint(1, len(paragraphs))], rng.randint(12, 18), rng, column_lines=20)
    return "\n".join([headline, "", *body, byline]) + "\n"


def simplified(seed: int) -> str:
    return dump(SIMPLIFIED, seed, "城北新区重大项目加快推进", "■记者 陈晓燕")


def traditional(seed: int) -> str:
    return dump(TRADITIONAL, seed, "長照法修正草案 擴大居家照顧", "（記者林志明／台北報導）")


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "gb2312"])
def test_simplified_page_in_a_gb_encoding_is_detected(seed, encoding):
    text = simplified(seed)
    assert decode(text.encode(encoding), "page.txt") == text


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("encoding", ["big5", "cp950", "gb18030"])
def test_traditional_page_in_big5_or_gb18030_is_detected(seed, encoding):
    text = traditional(seed)
    assert decode(text.encode(encoding), "page.txt") == text


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_unicode_with_a_byte_order_mark_or_plain_utf8_needs_no_option(encoding):
    text = traditional(1)
    data = text.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):  # these codecs write no mark: add the one a tool writes
        data = "\ufeff".encode(encoding) + data
    assert decode(data, "page.txt") == text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("option", ["utf-16", "UTF16"])
def test_utf16_without_a_mark_is_read_when_the_option_says_utf16(codec, option):
    text = "2024年3月9日\n" + simplified(2)
    assert decode(text.encode(codec), "page.txt", option) == text
    assert decode(text.encode(codec), "page.txt", codec) == text


def test_utf16_byte_order_defaults_to_little_endian_without_ascii():
    assert utf16_byte_order("区委书记".encode("utf-16-le")) == "utf-16-le"


def test_utf16_without_a_mark_and_without_the_option_is_refused_with_the_hint():
    with pytest.raises(InputError, match=r"page\.txt: looks binary.*--encoding utf-16"):
        decode(simplified(0).encode("utf-16-le"), "page.txt")


def test_forced_gbk_reads_characters_only_gb18030_has():
    text = "南汉皇帝刘䶮的陵墓"  # 䶮 (U+4DAE, extension A) is in GB18030, not in GBK
    assert decode(text.encode("gb18030"), "page.txt", "gbk") == text


def test_a_byte_order_mark_wins_over_a_wrong_option():
    text = simplified(3)
    assert decode(text.encode("utf-8-sig"), "page.txt", "big5") == text


def test_forced_encoding_that_does_not_fit_names_file_line_and_encoding():
    data = "第一行\r\n第二行\r\n".encode("gb18030") + b"\xff\xff\r\n"
    with pytest.raises(InputError, match=r"^page\.txt:3: not valid gb18030 \(byte 16\).*--encoding"):
        decode(data, "page.txt", "gb18030")


def test_damaged_utf8_is_refused_with_the_line_of_the_damage():
    good = simplified(4).encode("utf-8")
    third_line = sum(len(line) + 1 for line in good.split(b"\n")[:2])
    damaged = good[:third_line] + b"\xff" + good[third_line:]
    with pytest.raises(InputError, match=r"^page\.txt:3: not valid UTF-8"):
        decode(damaged, "page.txt")


def test_binary_files_are_refused_naming_the_file():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    with pytest.raises(InputError, match=r"^scan\.png: looks binary"):
        decode(png, "scan.png")
    rng = random.Random(5)
    noise = bytes(rng.randrange(1, 256) for _ in range(20_000))  # no NUL byte, so only detection can say no
    with pytest.raises(InputError, match=r"^noise\.bin:\d+: not valid UTF-8.*no other encoding fits"):
        decode(noise, "noise.bin")


def test_mixed_line_endings_and_form_feeds_make_the_same_lines():
    lines = simplified(5).split("\n")
    endings = ["\r\n", "\r", "\n", "\f"]
    mixed = "".join(line + endings[i % len(endings)] for i, line in enumerate(lines))
    assert list(Page.from_text(decode(mixed.encode("gb18030"), "p")).raw_lines) == lines


def test_the_cli_cleans_a_crlf_big5_page_like_its_utf8_twin(cli, tmp_path):
    text = traditional(2)
    (tmp_path / "utf8.txt").write_text(text, encoding="utf-8")
    (tmp_path / "big5.txt").write_bytes(text.replace("\n", "\r\n").encode("big5"))
    utf8 = cli("clean", tmp_path / "utf8.txt", "--format", "jsonl", "-q")
    big5 = cli("clean", tmp_path / "big5.txt", "--format", "jsonl", "-q")
    assert utf8.exit_code == big5.exit_code == 0
    assert big5.stdout.replace("big5.txt", "utf8.txt") == utf8.stdout
    assert "長照法" in big5.stdout


def test_an_empty_file_gives_no_article_and_no_error(cli, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = cli("clean", tmp_path / "empty.txt")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "0 articles" in result.stderr


def test_a_50_mb_line_is_refused_without_reading_it_all(tmp_path):
    path = tmp_path / "oneline.txt"
    line = "没有换行的一行文字，" * 1000
    with path.open("w", encoding="utf-8") as handle:
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(line)
    tracemalloc.start()
    with pytest.raises(InputError) as refused:
        read_page(str(path), limits=ReadLimits(max_page_bytes=1024 * 1024))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert str(refused.value).startswith(f"{path}: more than 1 MiB (the page-size limit")
    assert "--max-page-size" in str(refused.value)
    assert peak < 3 * 1024 * 1024  # the limit, not the file, bounds what is read

    with pytest.raises(InputError, match=r"oneline\.txt:1: a line of more than 100,000 characters.*--max-line-length"):
        read_page(str(path), limits=ReadLimits(max_page_bytes=64 * 1024 * 1024))


def test_the_limits_are_options_of_the_cli(cli, tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(simplified(0), encoding="utf-8")
    size = page.stat().st_size
    longest = max(len(line) for line in simplified(0).splitlines())
    refused = cli("clean", page, "--max-page-size", size - 1)
    assert refused.exit_code == 1
    assert f"page.txt: more than {size - 1:,} bytes" in refused.stderr
    refused = cli("clean", page, "--max-line-length", longest - 1)
    assert refused.exit_code == 1
    assert f"more than {longest - 1:,} characters" in refused.stderr
    assert cli("clean", page, "--max-line-length", longest, "--max-page-size", size).exit_code == 0


def test_a_line_at_the_limit_is_accepted():
    text = "字" * 50 + "\n" + "字" * 10
    assert decode_page(text.encode(), "p", limits=ReadLimits(max_line_chars=50)) == text


@pytest.mark.parametrize(("text", "size"), [("16M", 16 << 20), ("512k", 512 << 10), ("1GiB", 1 << 30), ("900", 900)])
def test_sizes_read_as_people_write_them(text, size):
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "M", "-1M", "lots"])
def test_sizes_that_are_not_sizes_are_refused(text):
    with pytest.raises(ValueError):
        parse_size(text)


def test_an_unknown_encoding_is_a_usage_error(cli, tmp_path):
    (tmp_path / "p.txt").write_text("字", encoding="utf-8")
    result = cli("clean", tmp_path / "p.txt", "--encoding", "klingon")
    assert result.exit_code == 2
    assert "unknown encoding 'klingon'" in result.stderr


def test_a_page_of_100000_lines_goes_through(tmp_path):
    rng = random.Random(7)
    lines: list[str] = []
    while len(lines) < 100_000:
        lines += page(rng).splitlines()
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "huge.txt").write_text("\n".join(lines[:100_000]), encoding="utf-8")
    files = LocalFiles()
    job = BatchJob(load_rules("default"), files, str(tmp_path / "in"), files, str(tmp_path / "out"))
    report = clean_page_file(job, PageTask("huge.txt", "huge.txt"))
    assert report.error is None
    visible = sum(len("".join(line.split())) for line in lines[:100_000])
    assert report.counts.chars_in == visible
    assert report.counts.articles > 1000
