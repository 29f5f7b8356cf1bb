"""Hand-written word lists the customer-list generator builds its invented records from.

Nothing here is drawn from the evaluation data in ``../shared/data``: company names are built
from trade-name syllables, industry words and legal forms; people from given names and surnames
per culture. Any resemblance of a generated combination to a real company or person is chance.

Each Chinese entry carries its pinyin (written here, not computed, so the generator never calls
pypinyin on its hot path). Phone number prefixes are chosen so that ``phonenumbers`` considers
the numbers valid for their region (mobile and fixed-line ranges in use).

Examples:
    >>> from benchmarks import _wordlists as w
    >>> w.CN_REGIONS[0][:2]
    ('宁波', 'Ningbo')
    >>> all(len(c.legal_forms) > 0 for c in w.COUNTRIES)
    True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

__all__ = [
    "ABBREVIATIONS",
    "CN_COUNTRY_FORMS",
    "CN_DISTRICTS",
    "CN_FREEMAIL",
    "CN_INDUSTRIES",
    "CN_LEGAL_FORMS",
    "CN_MOBILE_PREFIXES",
    "CN_REGIONS",
    "CN_ROAD_SUFFIXES",
    "CN_SHORT_LOCAL",
    "CN_TRADE_CHARS",
    "COUNTRIES",
    "CULTURES",
    "ENGLISH_NICKNAMES",
    "EN_INDUSTRIES",
    "FORWARDER_NAMES",
    "GIVEN_ZH",
    "HK_TW_COUNTRY_FORMS",
    "HK_TW_FREEMAIL",
    "HK_TW_REGIONS",
    "INTL_FREEMAIL",
    "LATIN_PREFIXES",
    "LATIN_SUFFIXES",
    "OWNERS",
    "SURNAMES_ZH",
    "TITLES",
    "Country",
    "Culture",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class Country:
    """A buyer's country: how reps type it, its legal forms, phones, places and contact cultures.

    ``mobile`` holds national-significant-number prefixes and the total NSN length;
    ``fixed`` the same for landlines (``area`` digits are the leading part of the prefix).

    Examples:
        >>> from benchmarks._wordlists import COUNTRIES
        >>> COUNTRIES[0].iso2, COUNTRIES[0].calling_code
        ('US', '1')
    """

    iso2: str
    names: tuple[str, ...]
    calling_code: str
    trunk: str
    mobile: tuple[tuple[str, int], ...]
    fixed: tuple[tuple[str, int], ...]
    tld: str
    legal_forms: tuple[tuple[str, ...], ...]
    cities: tuple[str, ...]
    streets: tuple[str, ...]
    address: str
    cultures: tuple[str, ...]
    freemail: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Culture:
    """Given names and surnames of one naming culture; ``latin`` holds romanized pairs.

    For ``ru`` the names are Cyrillic and ``given_latin``/``surnames_latin`` align with them.

    Examples:
        >>> from benchmarks._wordlists import CULTURES
        >>> CULTURES["ru"].given[0], CULTURES["ru"].given_latin[0]
        ('Александр', 'Alexander')
    """

    given: tuple[str, ...]
    surnames: tuple[str, ...]
    given_latin: tuple[str, ...] = ()
    surnames_latin: tuple[str, ...] = ()
    surname_first: bool = False


# --- Latin trade names ------------------------------------------------------------------------

LATIN_PREFIXES: Final = (
    "Vel", "Nor", "Tran", "Aqu", "Sol", "Bri", "Cor", "Lum", "Max", "Pro", "Ter", "Ven", "Zen",
    "Alt", "Glo", "Kin", "Mar", "Nex", "Oro", "Pan", "Qua", "Ros", "Sil", "Tec", "Uni", "Vit",
    "Wes", "Xan", "Yor", "Zel", "Bel", "Cam", "Dor", "Eur", "Fal", "Gal", "Hel", "Ital", "Jas",
    "Lor", "Mon", "Nov", "Ost", "Pal", "Rho", "Sar", "Tal", "Val", "Arc", "Bor", "Cal", "Del",
    "Est", "Fin", "Gra", "Hor", "Lin", "Mer", "Nat", "Opt", "Pri", "Ren", "Sta", "Tor", "Vas",
)
LATIN_SUFFIXES: Final = (
    "tora", "vex", "lux", "ine", "ora", "ex", "ia", "on", "ix", "aro", "ent", "ico", "ano",
    "ell", "ard", "ica", "eon", "ida", "ux", "amo", "ena", "is", "olt", "ura", "eco", "ani",
    "ista", "ona", "ero", "ath", "ind", "ova", "enza", "ic", "al", "um",
)
EN_INDUSTRIES: Final = (
    "Trading", "Imports", "Hardware", "Lighting", "Textiles", "Electronics", "Machinery",
    "Home Goods", "Furniture", "Auto Parts", "Tools", "Packaging", "Solar", "Ceramics",
    "Garments", "Toys", "Medical Supplies", "Plastics", "Building Materials", "Sanitary Ware",
    "Distribution", "Supplies", "Industries", "International", "Import Export", "Wholesale",
    "Retail", "Sourcing", "Logistics", "Technologies",
)
#: Abbreviations reps use when typing; applied by the ``abbreviate`` edit (word → short form).
ABBREVIATIONS: Final[dict[str, str]] = {
    "International": "Intl", "Trading": "Trdg", "Import Export": "Imp. & Exp.",
    "Import & Export": "Imp & Exp", "Technologies": "Tech", "Technology": "Tech",
    "Industries": "Ind.", "Industrial": "Ind.", "Distribution": "Distr.", "Electronics": "Elec.",
    "Manufacturing": "Mfg", "Corporation": "Corp.", "Company": "Co.", "Brothers": "Bros.",
    "Products": "Prods", "Equipment": "Equip.", "Supplies": "Suppl.", "Street": "St.",
    "Road": "Rd.", "Avenue": "Ave.", "Building": "Bldg.", "District": "Dist.",
}

# --- countries ---------------------------------------------------------------------------------
# legal_forms: each tuple lists ways reps type one form; the first is the common spelling.

COUNTRIES: Final = (
    Country(
        iso2="US", names=("USA", "United States", "U.S.", "US", "United States of America", "美国", "America"),
        calling_code="1", trunk="1",
        mobile=(("212", 10), ("415", 10), ("310", 10), ("713", 10), ("305", 10), ("646", 10), ("404", 10), ("312", 10), ("469", 10), ("702", 10)),
        fixed=(("212", 10), ("415", 10), ("818", 10), ("917", 10), ("206", 10)),
        tld="com",
        legal_forms=(("Inc.", "Inc", "Incorporated", "INC."), ("LLC", "L.L.C.", "Llc"), ("Corp.", "Corporation", "Corp")),
        cities=("New York", "Los Angeles", "Houston", "Miami", "Chicago", "Atlanta", "Dallas", "Seattle"),
        streets=("Main Street", "Commerce Drive", "Industrial Parkway", "Market Street", "Harbor Boulevard"),
        address="{n} {street}, {city}, {zip}", cultures=("en", "en", "es", "in"),
        freemail=("gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "aol.com", "icloud.com"),
    ),
    Country(
        iso2="GB", names=("UK", "United Kingdom", "England", "Great Britain", "GB", "英国"),
        calling_code="44", trunk="0",
        mobile=(("74", 10), ("75", 10), ("77", 10), ("78", 10), ("79", 10)),
        fixed=(("207", 10), ("208", 10), ("161", 10), ("1214", 10)),
        tld="co.uk",
        legal_forms=(("Ltd", "Limited", "Ltd.", "LTD"), ("PLC", "plc", "Public Limited Company"), ("LLP",)),
        cities=("London", "Manchester", "Birmingham", "Leeds", "Glasgow", "Bristol"),
        streets=("High Street", "Station Road", "Church Lane", "Victoria Road", "Mill Lane"),
        address="{n} {street}, {city} {zip}", cultures=("en", "en", "in", "ar"),
        freemail=("gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk", "btinternet.com"),
    ),
    Country(
        iso2="DE", names=("Germany", "DE", "Deutschland", "GERMANY", "德国"),
        calling_code="49", trunk="0",
        mobile=(("151", 11), ("152", 11), ("160", 10), ("170", 10), ("171", 10), ("176", 11), ("177", 11), ("179", 10)),
        fixed=(("30", 10), ("89", 10), ("40", 10), ("69", 10)),
        tld="de",
        legal_forms=(("GmbH", "G.m.b.H.", "Gmbh", "GMBH"), ("AG", "A.G."), ("GmbH & Co. KG", "GmbH & Co KG"), ("KG",), ("UG (haftungsbeschränkt)", "UG")),
        cities=("Berlin", "Hamburg", "München", "Köln", "Frankfurt am Main", "Düsseldorf", "Stuttgart"),
        streets=("Hauptstraße", "Industriestraße", "Bahnhofstraße", "Gewerbering", "Lindenallee"),
        address="{street} {n}, {zip} {city}", cultures=("de", "de", "de", "tr"),
        freemail=("gmail.com", "gmx.de", "web.de", "t-online.de", "outlook.de"),
    ),
    Country(
        iso2="FR", names=("France", "FR", "FRANCE", "法国"),
        calling_code="33", trunk="0",
        mobile=(("61", 9), ("62", 9), ("66", 9), ("67", 9), ("75", 9), ("77", 9), ("78", 9)), fixed=(("14", 9), ("42", 9)),
        tld="fr",
        legal_forms=(("SARL", "S.A.R.L.", "Sarl"), ("SAS", "S.A.S.", "Sas"), ("SA", "S.A."), ("EURL",)),
        cities=("Paris", "Lyon", "Marseille", "Lille", "Bordeaux", "Toulouse"),
        streets=("Rue de la République", "Avenue Jean Jaurès", "Rue Victor Hugo", "Boulevard Pasteur"),
        address="{n} {street}, {zip} {city}", cultures=("fr", "fr", "fr", "ar"),
        freemail=("gmail.com", "orange.fr", "wanadoo.fr", "hotmail.fr", "free.fr", "laposte.net"),
    ),
    Country(
        iso2="IT", names=("Italy", "IT", "Italia", "ITALY", "意大利"),
        calling_code="39", trunk="",
        mobile=(("320", 10), ("328", 10), ("333", 10), ("340", 10), ("347", 10), ("366", 10)),
        fixed=(("02", 10), ("06", 10), ("011", 10)),
        tld="it",
        legal_forms=(("S.r.l.", "Srl", "SRL", "S.R.L."), ("S.p.A.", "SpA", "SPA"), ("S.n.c.", "snc")),
        cities=("Milano", "Roma", "Torino", "Napoli", "Bologna", "Firenze"),
        streets=("Via Roma", "Via Garibaldi", "Corso Italia", "Via Dante", "Viale Europa"),
        address="{street} {n}, {zip} {city}", cultures=("it",),
        freemail=("gmail.com", "libero.it", "virgilio.it", "hotmail.it", "alice.it"),
    ),
    Country(
        iso2="ES", names=("Spain", "ES", "España", "SPAIN", "西班牙"),
        calling_code="34", trunk="",
        mobile=(("6", 9),), fixed=(("91", 9), ("93", 9)),
        tld="es",
        legal_forms=(("S.L.", "SL", "S.L.U.", "Sociedad Limitada"), ("S.A.", "SA", "Sociedad Anónima")),
        cities=("Madrid", "Barcelona", "Valencia", "Sevilla", "Zaragoza", "Málaga"),
        streets=("Calle Mayor", "Avenida de la Constitución", "Calle Real", "Paseo de Gracia"),
        address="{street} {n}, {zip} {city}", cultures=("es",),
        freemail=("gmail.com", "hotmail.es", "yahoo.es", "outlook.es", "telefonica.net"),
    ),
    Country(
        iso2="NL", names=("Netherlands", "NL", "Holland", "The Netherlands", "荷兰"),
        calling_code="31", trunk="0",
        mobile=(("61", 9), ("62", 9), ("64", 9), ("65", 9)), fixed=(("20", 9), ("10", 9)),
        tld="nl",
        legal_forms=(("B.V.", "BV", "B.V"), ("N.V.", "NV"), ("V.O.F.", "VOF")),
        cities=("Amsterdam", "Rotterdam", "Utrecht", "Eindhoven", "Den Haag"),
        streets=("Kerkstraat", "Dorpsstraat", "Industrieweg", "Stationsweg"),
        address="{street} {n}, {zip} {city}", cultures=("nl", "nl", "tr"),
        freemail=("gmail.com", "hotmail.nl", "ziggo.nl", "kpnmail.nl", "outlook.com"),
    ),
    Country(
        iso2="PL", names=("Poland", "PL", "Polska", "波兰"),
        calling_code="48", trunk="",
        mobile=(("50", 9), ("51", 9), ("60", 9), ("66", 9), ("69", 9), ("72", 9), ("79", 9), ("88", 9)),
        fixed=(("22", 9), ("12", 9)),
        tld="pl",
        legal_forms=(("Sp. z o.o.", "sp. z o.o.", "Spółka z o.o.", "Sp.z.o.o"), ("S.A.", "SA")),
        cities=("Warszawa", "Kraków", "Łódź", "Wrocław", "Poznań", "Gdańsk"),
        streets=("ul. Marszałkowska", "ul. Długa", "ul. Przemysłowa", "ul. Kwiatowa"),
        address="{street} {n}, {zip} {city}", cultures=("pl",),
        freemail=("gmail.com", "wp.pl", "onet.pl", "o2.pl", "interia.pl"),
    ),
    Country(
        iso2="RU", names=("Russia", "RU", "Russian Federation", "Россия", "俄罗斯"),
        calling_code="7", trunk="8",
        mobile=(("903", 10), ("905", 10), ("915", 10), ("916", 10), ("925", 10), ("926", 10), ("977", 10)),
        fixed=(("495", 10), ("812", 10)),
        tld="ru",
        legal_forms=(("LLC", "Ltd", "Limited Liability Company"), ("JSC", "OJSC", "Joint Stock Company")),
        cities=("Moscow", "Saint Petersburg", "Novosibirsk", "Yekaterinburg", "Kazan"),
        streets=("Lenina St.", "Tverskaya St.", "Mira Ave.", "Sadovaya St."),
        address="{street} {n}, {city} {zip}", cultures=("ru",),
        freemail=("mail.ru", "yandex.ru", "gmail.com", "bk.ru", "list.ru", "inbox.ru"),
    ),
    Country(
        iso2="TR", names=("Turkey", "TR", "Türkiye", "Turkiye", "土耳其"),
        calling_code="90", trunk="0",
        mobile=(("532", 10), ("533", 10), ("535", 10), ("542", 10), ("505", 10), ("555", 10)),
        fixed=(("212", 10), ("216", 10), ("312", 10)),
        tld="com.tr",
        legal_forms=(("Ltd. Şti.", "Ltd. Sti.", "LTD ŞTİ", "Limited Şirketi"), ("A.Ş.", "A.S.", "AŞ")),
        cities=("İstanbul", "Istanbul", "Ankara", "İzmir", "Bursa", "Gaziantep"),
        streets=("Atatürk Cad.", "İstiklal Cad.", "Cumhuriyet Cad.", "Sanayi Sok."),
        address="{street} No:{n}, {zip} {city}", cultures=("tr",),
        freemail=("gmail.com", "hotmail.com", "yandex.com", "outlook.com"),
    ),
    Country(
        iso2="AE", names=("UAE", "United Arab Emirates", "U.A.E.", "AE", "Dubai", "阿联酋"),
        calling_code="971", trunk="0",
        mobile=(("50", 9), ("52", 9), ("55", 9), ("56", 9)), fixed=(("42", 8), ("43", 8), ("26", 8)),
        tld="ae",
        legal_forms=(("LLC", "L.L.C.", "L.L.C"), ("FZE", "F.Z.E."), ("FZCO", "FZ-LLC"), ("Trading LLC", "Trading L.L.C.")),
        cities=("Dubai", "Abu Dhabi", "Sharjah", "Ajman"),
        streets=("Sheikh Zayed Road", "Al Maktoum Road", "Deira Street", "Al Wasl Road"),
        address="Office {n}, {street}, {city}", cultures=("ar", "ar", "in"),
        freemail=("gmail.com", "hotmail.com", "yahoo.com", "outlook.com", "eim.ae"),
    ),
    Country(
        iso2="SA", names=("Saudi Arabia", "KSA", "SA", "Saudi", "沙特"),
        calling_code="966", trunk="0",
        mobile=(("50", 9), ("53", 9), ("54", 9), ("55", 9), ("56", 9)), fixed=(("11", 9), ("126", 9)),
        tld="com.sa",
        legal_forms=(("Co.", "Company", "Est."), ("LLC", "L.L.C.")),
        cities=("Riyadh", "Jeddah", "Dammam", "Mecca"),
        streets=("King Fahd Road", "Olaya Street", "Prince Sultan Street"),
        address="{n} {street}, {city} {zip}", cultures=("ar",),
        freemail=("gmail.com", "hotmail.com", "yahoo.com", "outlook.sa"),
    ),
    Country(
        iso2="IN", names=("India", "IN", "INDIA", "Bharat", "印度"),
        calling_code="91", trunk="0",
        mobile=(("98", 10), ("99", 10), ("97", 10), ("90", 10), ("70", 10), ("80", 10)),
        fixed=(("2226", 10), ("1126", 10), ("8041", 10)),
        tld="in",
        legal_forms=(("Pvt. Ltd.", "Private Limited", "Pvt Ltd", "(P) Ltd"), ("Ltd.", "Limited"), ("LLP",)),
        cities=("Mumbai", "New Delhi", "Bengaluru", "Chennai", "Ahmedabad", "Ludhiana"),
        streets=("MG Road", "Station Road", "Nehru Nagar", "Industrial Area Phase II"),
        address="{n}, {street}, {city} - {zip}", cultures=("in",),
        freemail=("gmail.com", "yahoo.co.in", "rediffmail.com", "hotmail.com", "outlook.com"),
    ),
    Country(
        iso2="BR", names=("Brazil", "Brasil", "BR", "BRAZIL", "巴西"),
        calling_code="55", trunk="0",
        mobile=(("119", 11), ("219", 11), ("319", 11), ("419", 11)), fixed=(("113", 10), ("213", 10)),
        tld="com.br",
        legal_forms=(("Ltda.", "Ltda", "LTDA"), ("S.A.", "SA"), ("EIRELI", "Eireli"), ("ME",)),
        cities=("São Paulo", "Rio de Janeiro", "Belo Horizonte", "Curitiba", "Porto Alegre"),
        streets=("Rua Augusta", "Avenida Paulista", "Rua das Flores", "Avenida Brasil"),
        address="{street}, {n} - {city}, {zip}", cultures=("pt",),
        freemail=("gmail.com", "hotmail.com", "uol.com.br", "bol.com.br", "yahoo.com.br"),
    ),
    Country(
        iso2="MX", names=("Mexico", "México", "MX", "MEXICO", "墨西哥"),
        calling_code="52", trunk="",
        mobile=(("55", 10), ("33", 10), ("81", 10)), fixed=(("55", 10), ("33", 10)),
        tld="com.mx",
        legal_forms=(("S.A. de C.V.", "SA de CV", "S.A. DE C.V."), ("S. de R.L. de C.V.", "S de RL de CV")),
        cities=("Ciudad de México", "Guadalajara", "Monterrey", "Puebla", "Tijuana"),
        streets=("Avenida Reforma", "Calle Juárez", "Avenida Insurgentes", "Calle Hidalgo"),
        address="{street} {n}, {city}, C.P. {zip}", cultures=("es",),
        freemail=("gmail.com", "hotmail.com", "yahoo.com.mx", "outlook.com", "prodigy.net.mx"),
    ),
    Country(
        iso2="AU", names=("Australia", "AU", "AUS", "澳大利亚"),
        calling_code="61", trunk="0",
        mobile=(("40", 9), ("41", 9), ("42", 9), ("43", 9)), fixed=(("29", 9), ("39", 9)),
        tld="com.au",
        legal_forms=(("Pty Ltd", "Pty. Ltd.", "PTY LTD", "Proprietary Limited"), ("Ltd", "Limited")),
        cities=("Sydney", "Melbourne", "Brisbane", "Perth", "Adelaide"),
        streets=("George Street", "Collins Street", "Queen Street", "Parramatta Road"),
        address="{n} {street}, {city} {zip}", cultures=("en",),
        freemail=("gmail.com", "bigpond.com", "outlook.com", "hotmail.com"),
    ),
    Country(
        iso2="ZA", names=("South Africa", "ZA", "RSA", "南非"),
        calling_code="27", trunk="0",
        mobile=(("72", 9), ("73", 9), ("82", 9), ("83", 9), ("84", 9)), fixed=(("11", 9), ("21", 9)),
        tld="co.za",
        legal_forms=(("(Pty) Ltd", "Pty Ltd", "(PTY) LTD", "Proprietary Limited"), ("CC",)),
        cities=("Johannesburg", "Cape Town", "Durban", "Pretoria"),
        streets=("Main Road", "Long Street", "Commissioner Street", "Voortrekker Road"),
        address="{n} {street}, {city}, {zip}", cultures=("en", "af", "in"),
        freemail=("gmail.com", "webmail.co.za", "mweb.co.za", "outlook.com"),
    ),
    Country(
        iso2="NG", names=("Nigeria", "NG", "NIGERIA", "尼日利亚"),
        calling_code="234", trunk="0",
        mobile=(("803", 10), ("805", 10), ("806", 10), ("813", 10), ("703", 10), ("706", 10)),
        fixed=(("803", 10), ("805", 10)),
        tld="com.ng",
        legal_forms=(("Ltd", "Limited", "Nig. Ltd", "Nigeria Limited"), ("Enterprises", "Ent.")),
        cities=("Lagos", "Abuja", "Kano", "Onitsha", "Port Harcourt"),
        streets=("Allen Avenue", "Broad Street", "Awolowo Road", "Adeola Odeku Street"),
        address="{n} {street}, {city}", cultures=("af",),
        freemail=("gmail.com", "yahoo.com", "hotmail.com"),
    ),
    Country(
        iso2="VN", names=("Vietnam", "Viet Nam", "VN", "越南"),
        calling_code="84", trunk="0",
        mobile=(("90", 9), ("91", 9), ("98", 9), ("97", 9)), fixed=(("243", 10), ("283", 10)),
        tld="vn",
        legal_forms=(("Co., Ltd", "Company Limited", "CO.,LTD"), ("JSC", "Joint Stock Company")),
        cities=("Ho Chi Minh City", "Hanoi", "Hai Phong", "Da Nang"),
        streets=("Nguyen Hue Street", "Le Loi Street", "Tran Hung Dao Street"),
        address="{n} {street}, {city}", cultures=("vi",),
        freemail=("gmail.com", "yahoo.com", "hotmail.com"),
    ),
    Country(
        iso2="ID", names=("Indonesia", "ID", "INDONESIA", "印尼"),
        calling_code="62", trunk="0",
        mobile=(("812", 11), ("813", 11), ("821", 11), ("852", 11), ("857", 11)), fixed=(("21", 10), ("31", 9)),
        tld="co.id",
        legal_forms=(("PT", "P.T."), ("CV", "C.V.")),
        cities=("Jakarta", "Surabaya", "Bandung", "Medan", "Semarang"),
        streets=("Jl. Sudirman", "Jl. Gatot Subroto", "Jl. Thamrin", "Jl. Diponegoro"),
        address="{street} No. {n}, {city} {zip}", cultures=("id",),
        freemail=("gmail.com", "yahoo.co.id", "yahoo.com"),
    ),
    Country(
        iso2="KR", names=("South Korea", "Korea", "KR", "Republic of Korea", "韩国"),
        calling_code="82", trunk="0",
        mobile=(("10", 10),), fixed=(("2", 9),),
        tld="co.kr",
        legal_forms=(("Co., Ltd.", "Co.,Ltd", "Company Limited"), ("Corp.", "Corporation")),
        cities=("Seoul", "Busan", "Incheon", "Daegu"),
        streets=("Teheran-ro", "Gangnam-daero", "Sejong-daero"),
        address="{n} {street}, {city}", cultures=("ko",),
        freemail=("gmail.com", "naver.com", "daum.net", "hanmail.net"),
    ),
    Country(
        iso2="CL", names=("Chile", "CL", "CHILE", "智利"),
        calling_code="56", trunk="",
        mobile=(("92", 9), ("95", 9), ("98", 9)), fixed=(("22", 9),),
        tld="cl",
        legal_forms=(("SpA", "S.p.A."), ("Ltda.", "Limitada"), ("S.A.", "SA")),
        cities=("Santiago", "Valparaíso", "Concepción", "Antofagasta"),
        streets=("Avenida Providencia", "Calle Huérfanos", "Avenida Apoquindo"),
        address="{street} {n}, {city}", cultures=("es",),
        freemail=("gmail.com", "hotmail.com", "yahoo.com", "outlook.cl"),
    ),
    Country(
        iso2="EG", names=("Egypt", "EG", "EGYPT", "埃及"),
        calling_code="20", trunk="0",
        mobile=(("10", 10), ("11", 10), ("12", 10)), fixed=(("2", 9),),
        tld="com.eg",
        legal_forms=(("S.A.E.", "SAE"), ("Co.", "Company"), ("LLC",)),
        cities=("Cairo", "Alexandria", "Giza", "Port Said"),
        streets=("Tahrir Street", "Ramses Street", "Corniche El Nil"),
        address="{n} {street}, {city}", cultures=("ar",),
        freemail=("gmail.com", "yahoo.com", "hotmail.com"),
    ),
)

CULTURES: Final[dict[str, Culture]] = {
    "en": Culture(
        given=("James", "Mary", "Robert", "Patricia", "Michael", "Jennifer", "William", "Linda", "David", "Elizabeth",
               "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Christopher", "Karen", "Daniel", "Nancy",
               "Matthew", "Lisa", "Andrew", "Emily", "Brian", "Rachel", "Kevin", "Laura", "George", "Olivia"),
        surnames=("Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
                  "Thomas", "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark", "Lewis", "Walker",
                  "Hall", "Young", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Carter",
                  "O'Brien", "McDonald", "Fitzgerald", "Hughes", "Parker"),
    ),
    "de": Culture(
        given=("Lukas", "Anna", "Jonas", "Lena", "Felix", "Julia", "Maximilian", "Sophie", "Stefan", "Katrin",
               "Jürgen", "Sabine", "Andreas", "Petra", "Matthias", "Claudia", "Thomas", "Monika", "Uwe", "Birgit"),
        surnames=("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz",
                  "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Braun",
                  "Zimmermann", "Krüger", "Hofmann", "Hartmann", "Lange", "Werner", "Krause"),
    ),
    "fr": Culture(
        given=("Jean", "Marie", "Pierre", "Camille", "Luc", "Chloé", "Antoine", "Élodie", "Nicolas", "Isabelle",
               "François", "Nathalie", "Julien", "Céline", "Sébastien", "Aurélie", "Philippe", "Sandrine"),
        surnames=("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
                  "Moreau", "Lefèvre", "Laurent", "Simon", "Michel", "Garnier", "Rousseau", "Fontaine", "Chevalier"),
    ),
    "it": Culture(
        given=("Giuseppe", "Giulia", "Marco", "Francesca", "Luca", "Chiara", "Alessandro", "Sara", "Andrea",
               "Valentina", "Matteo", "Elena", "Davide", "Federica", "Stefano", "Paola"),
        surnames=("Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino",
                  "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo"),
    ),
    "es": Culture(
        given=("José", "María", "Juan", "Carmen", "Carlos", "Ana", "Luis", "Sofía", "Javier", "Lucía",
               "Miguel", "Isabel", "Alejandro", "Paula", "Fernando", "Gabriela", "Diego", "Valeria"),
        surnames=("García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez",
                  "Gómez", "Díaz", "Hernández", "Ramírez", "Torres", "Flores", "Morales", "Vargas", "Castillo"),
    ),
    "pt": Culture(
        given=("João", "Ana", "Pedro", "Mariana", "Lucas", "Beatriz", "Gabriel", "Juliana", "Rafael", "Fernanda",
               "Thiago", "Camila", "Bruno", "Larissa"),
        surnames=("Silva", "Santos", "Oliveira", "Souza", "Pereira", "Costa", "Almeida", "Carvalho", "Ferreira",
                  "Rodrigues", "Lima", "Gomes", "Ribeiro", "Martins"),
    ),
    "nl": Culture(
        given=("Daan", "Emma", "Sem", "Sanne", "Bram", "Lotte", "Jeroen", "Anouk", "Pieter", "Femke", "Ruud", "Ilse"),
        surnames=("de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Visser", "Smit",
                  "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos"),
    ),
    "pl": Culture(
        given=("Jakub", "Anna", "Piotr", "Katarzyna", "Tomasz", "Magdalena", "Paweł", "Agnieszka", "Krzysztof",
               "Joanna", "Michał", "Małgorzata"),
        surnames=("Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski", "Zieliński",
                  "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Mazur"),
    ),
    "tr": Culture(
        given=("Mehmet", "Ayşe", "Mustafa", "Fatma", "Emre", "Zeynep", "Ahmet", "Elif", "Burak", "Merve",
               "Hüseyin", "Özlem", "Can", "Gül"),
        surnames=("Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Öztürk", "Aydın", "Arslan", "Doğan",
                  "Kılıç", "Aslan", "Koç", "Kurt"),
    ),
    "ar": Culture(
        given=("Mohammed", "Ahmed", "Ali", "Omar", "Khalid", "Fatima", "Aisha", "Youssef", "Hassan", "Ibrahim",
               "Abdullah", "Saeed", "Mariam", "Layla", "Tariq", "Hamza", "Rashid", "Noura"),
        surnames=("Al-Mansouri", "Al Hashimi", "Haddad", "Nasser", "Al-Farsi", "Al Qasimi", "Saleh", "Hamdan",
                  "Rahman", "El-Sayed", "Abdelaziz", "Al-Amri", "Khoury", "Darwish", "Al Zahrani", "Mahmoud"),
    ),
    "in": Culture(
        given=("Rajesh", "Priya", "Amit", "Sunita", "Vikram", "Anjali", "Suresh", "Deepak", "Pooja", "Arjun",
               "Neha", "Rahul", "Kavita", "Sanjay", "Meera", "Anil", "Ritu", "Manoj"),
        surnames=("Sharma", "Patel", "Singh", "Kumar", "Gupta", "Reddy", "Iyer", "Mehta", "Shah", "Agarwal",
                  "Joshi", "Nair", "Rao", "Chopra", "Malhotra", "Bansal", "Verma", "Desai"),
    ),
    "ru": Culture(
        given=("Александр", "Дмитрий", "Сергей", "Андрей", "Алексей", "Иван", "Михаил", "Николай",
               "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Анна", "Мария", "Светлана"),
        given_latin=("Alexander", "Dmitry", "Sergey", "Andrey", "Alexey", "Ivan", "Mikhail", "Nikolay",
                     "Elena", "Olga", "Natalia", "Tatiana", "Irina", "Anna", "Maria", "Svetlana"),
        surnames=("Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов",
                  "Новиков", "Фёдоров", "Морозов", "Волков", "Лебедев", "Козлов", "Павлов", "Орлов"),
        surnames_latin=("Ivanov", "Smirnov", "Kuznetsov", "Popov", "Vasilyev", "Petrov", "Sokolov", "Mikhailov",
                        "Novikov", "Fedorov", "Morozov", "Volkov", "Lebedev", "Kozlov", "Pavlov", "Orlov"),
    ),
    "af": Culture(
        given=("Chinedu", "Oluwaseun", "Ngozi", "Emeka", "Thabo", "Sipho", "Amara", "Kwame", "Adaeze", "Tunde",
               "Zanele", "Kofi", "Pieter", "Johan"),
        surnames=("Okafor", "Adeyemi", "Nwosu", "Okonkwo", "Mokoena", "Dlamini", "Nkosi", "Mensah", "Balogun",
                  "Eze", "Botha", "van der Merwe", "Naidoo", "Khumalo"),
    ),
    "vi": Culture(
        given=("Anh", "Minh", "Hương", "Tuấn", "Linh", "Dũng", "Hạnh", "Hùng", "Lan", "Quang"),
        surnames=("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng"),
        surname_first=True,
    ),
    "id": Culture(
        given=("Budi", "Siti", "Agus", "Dewi", "Eko", "Rina", "Hendra", "Wulan", "Andi", "Putri"),
        surnames=("Santoso", "Wijaya", "Saputra", "Hidayat", "Kusuma", "Pratama", "Gunawan", "Halim", "Setiawan"),
    ),
    "ko": Culture(
        given=("Min-jun", "Seo-yeon", "Ji-hoon", "Ji-woo", "Hyun-woo", "Soo-jin", "Dong-hyun", "Eun-ji"),
        surnames=("Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon"),
        surname_first=True,
    ),
}

# --- Chinese names -------------------------------------------------------------------------------
# (Han, pinyin as typed in English: surname capitalized; compound surnames included.)

SURNAMES_ZH: Final = (
    ("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"), ("杨", "Yang"),
    ("黄", "Huang"), ("赵", "Zhao"), ("吴", "Wu"), ("周", "Zhou"), ("徐", "Xu"), ("孙", "Sun"),
    ("马", "Ma"), ("朱", "Zhu"), ("胡", "Hu"), ("郭", "Guo"), ("何", "He"), ("林", "Lin"),
    ("罗", "Luo"), ("高", "Gao"), ("郑", "Zheng"), ("梁", "Liang"), ("谢", "Xie"), ("宋", "Song"),
    ("唐", "Tang"), ("许", "Xu"), ("韩", "Han"), ("冯", "Feng"), ("邓", "Deng"), ("曹", "Cao"),
    ("彭", "Peng"), ("曾", "Zeng"), ("肖", "Xiao"), ("田", "Tian"), ("董", "Dong"), ("潘", "Pan"),
    ("袁", "Yuan"), ("蔡", "Cai"), ("蒋", "Jiang"), ("余", "Yu"), ("于", "Yu"), ("杜", "Du"),
    ("叶", "Ye"), ("程", "Cheng"), ("魏", "Wei"), ("苏", "Su"), ("吕", "Lyu"), ("丁", "Ding"),
    ("任", "Ren"), ("卢", "Lu"), ("姚", "Yao"), ("沈", "Shen"), ("钟", "Zhong"), ("姜", "Jiang"),
    ("崔", "Cui"), ("谭", "Tan"), ("陆", "Lu"), ("范", "Fan"), ("汪", "Wang"), ("廖", "Liao"),
    ("石", "Shi"), ("金", "Jin"), ("贾", "Jia"), ("夏", "Xia"), ("付", "Fu"), ("方", "Fang"),
    ("邹", "Zou"), ("熊", "Xiong"), ("白", "Bai"), ("孟", "Meng"), ("秦", "Qin"), ("邱", "Qiu"),
    ("侯", "Hou"), ("江", "Jiang"), ("尹", "Yin"), ("薛", "Xue"), ("段", "Duan"), ("雷", "Lei"),
    ("龙", "Long"), ("黎", "Li"), ("史", "Shi"), ("陶", "Tao"), ("贺", "He"), ("毛", "Mao"),
    ("郝", "Hao"), ("顾", "Gu"), ("龚", "Gong"), ("邵", "Shao"), ("钱", "Qian"), ("戴", "Dai"),
    ("严", "Yan"), ("莫", "Mo"), ("孔", "Kong"), ("向", "Xiang"), ("常", "Chang"),
    ("欧阳", "Ouyang"), ("司马", "Sima"), ("诸葛", "Zhuge"),
)
GIVEN_ZH: Final = (
    ("伟", "Wei"), ("芳", "Fang"), ("娜", "Na"), ("敏", "Min"), ("静", "Jing"), ("丽", "Li"),
    ("强", "Qiang"), ("磊", "Lei"), ("军", "Jun"), ("洋", "Yang"), ("勇", "Yong"), ("艳", "Yan"),
    ("杰", "Jie"), ("娟", "Juan"), ("涛", "Tao"), ("明", "Ming"), ("超", "Chao"), ("秀英", "Xiuying"),
    ("霞", "Xia"), ("平", "Ping"), ("刚", "Gang"), ("桂英", "Guiying"), ("建华", "Jianhua"),
    ("晓燕", "Xiaoyan"), ("志强", "Zhiqiang"), ("海燕", "Haiyan"), ("丹", "Dan"), ("鹏", "Peng"),
    ("玲", "Ling"), ("浩", "Hao"), ("婷", "Ting"), ("雪", "Xue"), ("晨", "Chen"), ("宇航", "Yuhang"),
    ("子涵", "Zihan"), ("欣怡", "Xinyi"), ("俊杰", "Junjie"), ("文博", "Wenbo"), ("嘉怡", "Jiayi"),
    ("梓轩", "Zixuan"), ("佳琪", "Jiaqi"), ("思远", "Siyuan"), ("国庆", "Guoqing"), ("建国", "Jianguo"),
    ("春梅", "Chunmei"), ("丽华", "Lihua"), ("小红", "Xiaohong"), ("晓明", "Xiaoming"), ("立新", "Lixin"),
    ("红梅", "Hongmei"), ("雨婷", "Yuting"), ("振华", "Zhenhua"), ("永刚", "Yonggang"), ("美玲", "Meiling"),
)
ENGLISH_NICKNAMES: Final = (
    "Kevin", "Lily", "Jason", "Coco", "Tony", "Amy", "Eric", "Cindy", "Jack", "Vivian", "Peter",
    "Sunny", "Linda", "Frank", "Grace", "Leo", "Annie", "Sam", "Wendy", "Mike", "Cherry", "Allen",
    "Judy", "Jerry", "Sophia", "Bruce", "Helen", "Andy", "Echo", "Alex", "Shirley", "Ivy", "David",
    "Nancy", "Jenny", "Steven", "Candy", "Ben", "Rose", "Harry",
)
#: Honorifics reps prepend (Latin) or append (Han: 张总 = "Boss Zhang").
TITLES: Final = (("Mr.", "Ms.", "Mrs.", "Dr.", "Mr", "Miss"), ("总", "经理", "先生", "女士", "老板"))

# --- Chinese companies -----------------------------------------------------------------------------
# Regions: (Han, pinyin, province Han, province pinyin, area code without trunk 0).

CN_REGIONS: Final = (
    ("宁波", "Ningbo", "浙江", "Zhejiang", "574"), ("深圳", "Shenzhen", "广东", "Guangdong", "755"),
    ("广州", "Guangzhou", "广东", "Guangdong", "20"), ("义乌", "Yiwu", "浙江", "Zhejiang", "579"),
    ("东莞", "Dongguan", "广东", "Guangdong", "769"), ("佛山", "Foshan", "广东", "Guangdong", "757"),
    ("厦门", "Xiamen", "福建", "Fujian", "592"), ("青岛", "Qingdao", "山东", "Shandong", "532"),
    ("苏州", "Suzhou", "江苏", "Jiangsu", "512"), ("温州", "Wenzhou", "浙江", "Zhejiang", "577"),
    ("台州", "Taizhou", "浙江", "Zhejiang", "576"), ("杭州", "Hangzhou", "浙江", "Zhejiang", "571"),
    ("上海", "Shanghai", "上海", "Shanghai", "21"), ("北京", "Beijing", "北京", "Beijing", "10"),
    ("天津", "Tianjin", "天津", "Tianjin", "22"), ("中山", "Zhongshan", "广东", "Guangdong", "760"),
    ("泉州", "Quanzhou", "福建", "Fujian", "595"), ("无锡", "Wuxi", "江苏", "Jiangsu", "510"),
    ("常州", "Changzhou", "江苏", "Jiangsu", "519"), ("绍兴", "Shaoxing", "浙江", "Zhejiang", "575"),
    ("汕头", "Shantou", "广东", "Guangdong", "754"), ("江门", "Jiangmen", "广东", "Guangdong", "750"),
    ("惠州", "Huizhou", "广东", "Guangdong", "752"), ("金华", "Jinhua", "浙江", "Zhejiang", "579"),
    ("慈溪", "Cixi", "浙江", "Zhejiang", "574"), ("余姚", "Yuyao", "浙江", "Zhejiang", "574"),
    ("临沂", "Linyi", "山东", "Shandong", "539"), ("济南", "Jinan", "山东", "Shandong", "531"),
    ("郑州", "Zhengzhou", "河南", "Henan", "371"), ("武汉", "Wuhan", "湖北", "Hubei", "27"),
    ("成都", "Chengdu", "四川", "Sichuan", "28"), ("长沙", "Changsha", "湖南", "Hunan", "731"),
    ("南京", "Nanjing", "江苏", "Jiangsu", "25"), ("合肥", "Hefei", "安徽", "Anhui", "551"),
    ("福州", "Fuzhou", "福建", "Fujian", "591"), ("南通", "Nantong", "江苏", "Jiangsu", "513"),
    ("嘉兴", "Jiaxing", "浙江", "Zhejiang", "573"), ("大连", "Dalian", "辽宁", "Liaoning", "411"),
    ("昆山", "Kunshan", "江苏", "Jiangsu", "512"), ("晋江", "Jinjiang", "福建", "Fujian", "595"),
)
#: Traditional-script partners: (Han as written there, English, calling code, mobile prefixes,
#: mobile NSN length, fixed-line prefixes, fixed NSN length).
HK_TW_REGIONS: Final = (
    ("香港", "Hong Kong", "852", ("61", "63", "64", "65", "69", "90", "91", "92", "94", "96", "97"), 8, ("23", "25", "27", "28"), 8),
    ("臺北", "Taipei", "886", ("912", "921", "933", "958", "988"), 9, ("22", "25", "27", "28"), 9),
    ("台中", "Taichung", "886", ("910", "928", "955", "975"), 9, ("422", "423", "424"), 9),
    ("高雄", "Kaohsiung", "886", ("919", "937", "963"), 9, ("72", "73"), 8),
    ("新竹", "Hsinchu", "886", ("920", "939", "972"), 9, ("35",), 8),
)
#: Area codes whose local numbers have 7 digits (8 elsewhere).
CN_SHORT_LOCAL: Final = frozenset({"592", "750", "752", "539"})
#: Trade-name characters: (Han, pinyin syllable).
CN_TRADE_CHARS: Final = (
    ("海", "hai"), ("天", "tian"), ("达", "da"), ("华", "hua"), ("鑫", "xin"), ("盛", "sheng"),
    ("源", "yuan"), ("泰", "tai"), ("恒", "heng"), ("宏", "hong"), ("兴", "xing"), ("隆", "long"),
    ("昌", "chang"), ("宇", "yu"), ("博", "bo"), ("瑞", "rui"), ("丰", "feng"), ("润", "run"),
    ("佳", "jia"), ("嘉", "jia"), ("美", "mei"), ("德", "de"), ("信", "xin"), ("诚", "cheng"),
    ("金", "jin"), ("通", "tong"), ("远", "yuan"), ("航", "hang"), ("科", "ke"), ("创", "chuang"),
    ("新", "xin"), ("明", "ming"), ("光", "guang"), ("辉", "hui"), ("东", "dong"), ("方", "fang"),
    ("中", "zhong"), ("建", "jian"), ("永", "yong"), ("安", "an"), ("康", "kang"), ("富", "fu"),
    ("和", "he"), ("正", "zheng"), ("元", "yuan"), ("星", "xing"), ("立", "li"), ("精", "jing"),
    ("联", "lian"), ("亿", "yi"), ("万", "wan"), ("凯", "kai"), ("威", "wei"), ("腾", "teng"),
    ("飞", "fei"), ("龙", "long"), ("鹏", "peng"), ("锦", "jin"), ("晶", "jing"), ("荣", "rong"),
    ("益", "yi"), ("利", "li"), ("顺", "shun"), ("祥", "xiang"), ("欣", "xin"), ("优", "you"),
    ("宝", "bao"), ("豪", "hao"), ("骏", "jun"), ("捷", "jie"), ("迅", "xun"), ("卓", "zhuo"),
    ("越", "yue"), ("汇", "hui"), ("聚", "ju"), ("邦", "bang"), ("峰", "feng"), ("睿", "rui"),
    ("智", "zhi"), ("奥", "ao"), ("赛", "sai"), ("致", "zhi"), ("广", "guang"), ("银", "yin"),
)
#: Industry words: (Han, English as on a business card, pinyin as reps type it).
CN_INDUSTRIES: Final = (
    ("进出口", "Import & Export", "Jinchukou"), ("贸易", "Trading", "Maoyi"),
    ("电子", "Electronics", "Dianzi"), ("五金", "Hardware", "Wujin"), ("照明", "Lighting", "Zhaoming"),
    ("纺织品", "Textiles", "Fangzhipin"), ("机械", "Machinery", "Jixie"),
    ("家居用品", "Household Products", "Jiaju Yongpin"), ("塑料制品", "Plastic Products", "Suliao Zhipin"),
    ("服饰", "Garment", "Fushi"), ("玩具", "Toys", "Wanju"), ("工艺品", "Arts & Crafts", "Gongyipin"),
    ("电器", "Electric Appliance", "Dianqi"), ("汽车配件", "Auto Parts", "Qiche Peijian"),
    ("包装", "Packaging", "Baozhuang"), ("光电", "Optoelectronics", "Guangdian"),
    ("科技", "Technology", "Keji"), ("实业", "Industrial", "Shiye"), ("新材料", "New Material", "Xincailiao"),
    ("医疗器械", "Medical Equipment", "Yiliao Qixie"), ("家具", "Furniture", "Jiaju"),
    ("陶瓷", "Ceramics", "Taoci"), ("工具", "Tools", "Gongju"), ("卫浴", "Sanitary Ware", "Weiyu"),
    ("户外用品", "Outdoor Products", "Huwai Yongpin"), ("太阳能", "Solar Energy", "Taiyangneng"),
    ("电线电缆", "Wire & Cable", "Dianxian Dianlan"), ("阀门", "Valve", "Famen"), ("轴承", "Bearing", "Zhoucheng"),
    ("箱包", "Bags & Cases", "Xiangbao"), ("国际贸易", "International Trading", "Guoji Maoyi"),
    ("供应链管理", "Supply Chain Management", "Gongyinglian Guanli"),
)
#: Chinese legal forms: (Han, English forms reps use for it).
CN_LEGAL_FORMS: Final = (
    ("有限公司", ("Co., Ltd.", "Co.,Ltd", "Company Limited", "CO., LTD.", "Co. Ltd", "Limited")),
    ("有限公司", ("Co., Ltd.", "Co.,Ltd.", "Company Limited", "Ltd.")),
    ("有限责任公司", ("Co., Ltd.", "Limited Liability Company", "Co.,Ltd")),
    ("股份有限公司", ("Co., Ltd.", "Corporation Limited", "Stock Co., Ltd.", "Joint Stock Co., Ltd.")),
    ("集团有限公司", ("Group Co., Ltd.", "Group Company Limited", "Group Co.,Ltd")),
)
CN_ROAD_SUFFIXES: Final = (("路", "Road"), ("大道", "Avenue"), ("街", "Street"), ("中路", "Middle Road"), ("北路", "North Road"))
CN_COUNTRY_FORMS: Final = ("China", "CN", "中国", "PRC", "P.R. China", "CHINA", "China Mainland", "中华人民共和国", "P.R.C.")
CN_FREEMAIL: Final = (
    "qq.com", "163.com", "126.com", "sina.com", "139.com", "foxmail.com", "aliyun.com", "yeah.net",
    "sohu.com", "hotmail.com", "gmail.com", "outlook.com", "vip.163.com", "vip.qq.com",
)
INTL_FREEMAIL: Final = ("gmail.com", "hotmail.com", "outlook.com", "yahoo.com", "icloud.com")

#: Freight forwarders whose phones end up in many unrelated records (hard negatives).
FORWARDER_NAMES: Final = ("Oceanlink", "Bluewave", "Seabridge", "Swiftcargo", "Goldport")

#: The sales reps who own records (a team of an exporter, by their English names).
OWNERS: Final = (
    "Lily", "Kevin", "Coco", "Jason", "Amy", "Tony", "Cindy", "Eric", "Vivian", "Jack", "Sunny",
    "Grace", "Leo", "Wendy", "Frank", "Echo", "Bruce", "Ivy", "Allen", "Judy",
)

#: Mobile prefixes of the three carriers (11-digit numbers: prefix + 8 digits).
CN_MOBILE_PREFIXES: Final = (
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153",
    "155", "156", "157", "158", "159", "177", "180", "181", "182", "183", "185", "186", "187",
    "188", "189", "199",
)
#: Districts/zones in addresses: (Han, English).
CN_DISTRICTS: Final = (
    ("高新区", "Hi-Tech Zone"), ("经济开发区", "Economic Development Zone"), ("工业园区", "Industrial Park"),
    ("保税区", "Free Trade Zone"), ("新区", "New District"), ("开发区", "Development Zone"),
)
#: How reps type Hong Kong and Taiwan as a country, keyed by region calling code.
HK_TW_COUNTRY_FORMS: Final[dict[str, tuple[str, ...]]] = {
    "852": ("Hong Kong", "HK", "香港", "Hongkong", "HKSAR", "Hong Kong SAR"),
    "886": ("Taiwan", "TW", "台灣", "臺灣", "台湾", "Taiwan, China"),
}
HK_TW_FREEMAIL: Final = ("gmail.com", "yahoo.com.tw", "hotmail.com", "netvigator.com", "yahoo.com.hk", "ms1.hinet.net")
