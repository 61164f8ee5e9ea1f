"""Key facts of each case, checked by hand against the seed texts.

Each expectation below was read off the source passage quoted in its comment, not
copied from the program's output. If a case file changes one of these facts, the
test says which passage to re-read.
"""

import pytest
from rdflib import RDF, XSD, Literal

from paradiplo.namespaces import ACTIVITY_STATUS, FIELD, PD, PDO, RINGROSE, ROLE, STATUS


def _date(s):
    return Literal(s, datatype=XSD.date)


def _year(s):
    return Literal(s, datatype=XSD.gYear)


def _roles(kg, affair):
    return {(kg.value(p, PDO.actor), kg.value(p, PDO.role)) for p in kg.objects(affair, PDO.participation)}


# --- Jakarta-Hanoi (002) -------------------------------------------------------

def test_jakarta_hanoi_agreements(kg):
    # 002 VI.1: "Sejak penandatanganan Letter of Intent (LoI) pada tanggal 23 November 2003
    # hingga penandatanganan nota kesepahaman (MoU) ... pada 23 November 2004"
    loi, mou = PD["agreement-jakarta-hanoi-loi-2003"], PD["agreement-jakarta-hanoi-mou-2004"]
    assert (loi, RDF.type, PDO.LetterOfIntent) in kg
    assert kg.value(loi, PDO.signedOn) == _date("2003-11-23")
    assert (mou, RDF.type, PDO.MemorandumOfUnderstanding) in kg
    assert kg.value(mou, PDO.signedOn) == _date("2004-11-23")
    assert kg.value(mou, PDO.precededBy) == loi
    assert kg.value(mou, PDO.establishes) == PD["partnership-jakarta-hanoi"]
    # "Setelah penandatanganan Implementing Agreement dan pembuatan Program Arrangement": no dates given
    ia, pa = PD["agreement-jakarta-hanoi-implementing-agreement"], PD["agreement-jakarta-hanoi-programme-arrangement"]
    assert kg.value(ia, PDO.signedOn) is None and kg.value(ia, PDO.dateUnknown) == Literal(True)
    assert kg.value(pa, PDO.implements) == ia


def test_jakarta_hanoi_actors(kg):
    p = PD["partnership-jakarta-hanoi"]
    assert set(kg.objects(p, PDO.partner)) == {PD["pemprov-dki-jakarta"], PD["hanoi-city-government"]}
    # "Pemerintah Republik Indonesia melalui Kementerian Luar Negeri sebagai inisiator kerja sama"
    assert (PD["kemlu-ri"], ROLE.initiator) in _roles(kg, p)
    assert (PD["kemlu-ri"], RDF.type, PDO.Ministry) in kg
    assert kg.value(PD["kemlu-ri"], PDO.partOf) == PD["government-of-indonesia"]
    # "Kedutaan Besar negara tempat kota mitra terletak" - the partner city's country is Viet Nam
    assert kg.value(PD["embassy-of-vietnam"], PDO.representsCountry) == PD["vietnam"]


def test_jakarta_hanoi_visits_and_assessment(kg):
    # "Kunjungan ini berlangsung pada tahun 2017 yang dilaksanakan oleh Tim Teknis Hanoi
    #  dan pada tahun 2018 oleh Tim Teknis Jakarta."
    v17, v18 = PD["activity-jakarta-hanoi-visit-hanoi-team-2017"], PD["activity-jakarta-hanoi-visit-jakarta-team-2018"]
    assert kg.value(v17, PDO.date) == _year("2017")
    assert (PD["hanoi-city-government"], ROLE.visitor) in _roles(kg, v17)
    assert kg.value(v18, PDO.date) == _year("2018")
    assert (PD["pemprov-dki-jakarta"], ROLE.visitor) in _roles(kg, v18)
    # "ketidak ikut sertaannya Kota Hanoi dalam Jakarta International Youth Program 2017"
    jiyp = PD["activity-jakarta-international-youth-program-2017"]
    assert kg.value(jiyp, PDO.notAttendedBy) == PD["hanoi-city-government"]
    # "kerja sama sister city antara kedua belah pihak tidak berjalan ... stagnan", period 2017-2019
    a = PD["assessment-jakarta-hanoi-2017-2019"]
    assert kg.value(a, PDO.status) == STATUS.stagnant
    assert (kg.value(a, PDO.startDate), kg.value(a, PDO.endDate)) == (_year("2017"), _year("2019"))


# --- Jakarta-Tokyo (000, 001) --------------------------------------------------

def test_jakarta_tokyo(kg):
    p = PD["partnership-jakarta-tokyo"]
    assert set(kg.objects(p, PDO.partner)) == {PD["pemprov-dki-jakarta"], PD["tokyo-metropolitan-government"]}
    assert set(kg.objects(p, PDO.field)) == {FIELD.culture}
    # Neither 000 nor 001 mentions an agreement: none is recorded (nothing is invented)
    assert kg.value(p, PDO.establishedBy) is None and kg.value(None, PDO.establishes, p) is None
    # No activity has a date of its own in 000/001: the festival is placed within 2018-2022,
    # the years the thesis studies, not dated by them; the annual programmes span them
    matsuri = PD["activity-jakarta-japan-matsuri"]
    assert kg.value(matsuri, PDO.startDate) is None and kg.value(matsuri, PDO.date) is None
    assert (str(kg.value(matsuri, PDO.earliestDate)), str(kg.value(matsuri, PDO.latestDate))) == ("2018", "2022")
    annual = PD["activity-jakarta-tokyo-annual-programmes"]
    assert (str(kg.value(annual, PDO.startDate)), str(kg.value(annual, PDO.endDate))) == ("2018", "2022")
    # "Program unggulan seperti Jakarta-Japan Matsuri"
    assert (PD["activity-jakarta-japan-matsuri"], RDF.type, PDO.Festival) in kg
    # Obstacles: "keterbatasan anggaran, koordinasi antar instansi yang belum optimal, serta dampak COVID-19"
    obstacles = {kg.value(o, PDO.factorType) for o in kg.subjects(PDO.factorOf, p)
                 if (o, RDF.type, PDO.Obstacle) in kg}
    assert {str(t).rsplit("/", 1)[-1] for t in obstacles} == {"budget", "coordination", "pandemic"}
    # COVID-19 "sempat menghentikan beberapa kegiatan yang bersifat fisik"
    phys = PD["activity-jakarta-tokyo-physical-activities"]
    assert kg.value(phys, PDO.disruptedBy) == PD["obstacle-jakarta-tokyo-covid19"]
    assert kg.value(phys, PDO.activityStatus) == ACTIVITY_STATUS.disrupted
    # Three groups of recommendations (VI.2 items 1-3): 3 + 2 + 1
    assert len(set(kg.subjects(PDO.concerns, p))) == 6
    # 000: "aktif. produktif, dan berkelanjutan"; 001: "dinilai berjalan dengan baik"
    statuses = {kg.value(a, PDO.status) for a in kg.subjects(PDO.assesses, p)}
    assert statuses == {STATUS.active, STATUS["running-well"]}


# --- Seoul-Tokyo (003) ---------------------------------------------------------

def test_seoul_tokyo_agreement_and_initiative(kg):
    agr = PD["agreement-seoul-tokyo-1988"]
    # "menandatangani 'Perjanjian Persahabatan dan Kerjasama'" ... "pada tanggal 3 September tahun itu" (1988)
    assert (agr, RDF.type, PDO.FriendshipAndCooperationAgreement) in kg
    assert kg.value(agr, PDO.signedOn) == _date("1988-09-03")
    # purpose: "mempromosikan pertukaran budaya, perdagangan, dan pariwisata"
    assert set(kg.objects(agr, PDO.field)) == {FIELD.culture, FIELD.trade, FIELD.tourism}
    # "Tokyo lah yang lebih dulu mengusulkan kerjasama"
    p = PD["partnership-seoul-tokyo"]
    proposals = [pp for pp in kg.objects(p, PDO.participation) if kg.value(pp, PDO.role) == ROLE.proposer]
    assert {(kg.value(x, PDO.actor), kg.value(x, PDO.actedOn)) for x in proposals} >= {
        (PD["tokyo-metropolitan-government"], PD["seoul-city-government"])}
    # "Gubernur Tokyo saat itu, Shunichi Suzuki"
    post = PD["post-suzuki-governor-of-tokyo"]
    assert kg.value(post, PDO.holder) == PD["shunichi-suzuki"]
    assert kg.value(post, PDO.postIn) == PD["tokyo-metropolitan-government"]


def test_seoul_tokyo_context(kg):
    # "membuka program kerjasama Sister City pada tahun 1968 dengan Taipei, Taiwan ...
    #  dengan 23 kota di dunia"
    st = PD["partnership-seoul-taipei"]
    assert kg.value(st, PDO.startDate) == _year("1968")
    assert PD["taipei-city-government"] in set(kg.objects(st, PDO.partner))
    assert kg.value(PD["seoul-city-government"], PDO.statedPartnerCount).toPython() == 23
    # Four obstacles in "Tantangan dan Hambatan"
    assert len(set(kg.subjects(PDO.factorOf, PD["partnership-seoul-tokyo"]))) == 4


# --- Semarang-Jung-gu (004) ----------------------------------------------------

def test_semarang_jung_gu_mou(kg):
    mou = PD["agreement-semarang-jung-gu-mou-2016"]
    # "ditandatangani pada tanggal 25 November 2016 dengan lima bidang"
    assert kg.value(mou, PDO.signedOn) == _date("2016-11-25")
    # (a) urban planning and infrastructure, (b) tourism and culture, (c) economy, trade and
    # investment, (d) health, (e) education, science and technology, professional training
    assert {str(f).rsplit("/", 1)[-1] for f in kg.objects(mou, PDO.field)} == {
        "urban-planning", "infrastructure", "tourism", "culture", "economy", "trade", "investment",
        "health", "education", "science-technology", "professional-training"}


def test_semarang_jung_gu_ringrose_and_obstacles(kg):
    p = PD["partnership-semarang-jung-gu"]
    # "Kota Semarang tidak memenuhi tiga elemen: ... komitmen ... partisipasi masyarakat ... timbal balik"
    judged = {(kg.value(a, PDO.successElement), kg.value(a, PDO.met).toPython())
              for a in kg.subjects(PDO.assesses, p) if (a, RDF.type, PDO.SuccessElementAssessment) in kg}
    assert judged == {(RINGROSE.commitment, False), (RINGROSE["community-participation"], False),
                      (RINGROSE.reciprocity, False)}
    # "pertukaran staf tidak bisa dilanjutkan karena terpentok anggaran"
    staff = PD["activity-semarang-jung-gu-staff-exchange"]
    assert kg.value(staff, PDO.activityStatus) == ACTIVITY_STATUS.discontinued
    assert kg.value(kg.value(staff, PDO.disruptedBy), PDO.factorType).endswith("/budget")
    # "DPRD Kota Semarang melakukan kunjungan kerja untuk monitoring dan evaluasi pada tahun 2018"
    assert kg.value(PD["activity-dprd-semarang-monitoring-2018"], PDO.date) == _year("2018")
    # 004 names no country for Jung-gu, and no identification is invented
    assert kg.value(PD["jung-gu-government"], PDO.country) is None
    assert kg.value(PD["jung-gu"], PDO.wikidata) is None


# --- claims of the sources recorded as queryable claims (2026-12 review) -------------


@pytest.mark.parametrize("claim, kind, about, locator, words", [
    # 003 Hasil dan Pembahasan: "ketika kedua kota menandatangani ... dengan tujuan guna
    # mempromosikan pertukaran budaya, perdagangan, dan pariwisata"
    ("purpose-seoul-tokyo-1988-agreement", PDO.Purpose, "partnership-seoul-tokyo",
     "Hasil dan Pembahasan, Sejarah dan Perkembangan", "dengan tujuan guna mempromosikan"),
    # 003 Abstrak: "terdapat aktivitas paradiplomasi yang signifikan terutama di bidang budaya"
    ("judgement-seoul-tokyo-significant-paradiplomacy", PDO.Judgement, "partnership-seoul-tokyo", "Abstrak",
     "paradiplomasi yang signifikan terutama di bidang budaya"),
    # 003 Pengaruh dan Dampak, item 1: "kerjasama yang lebih erat antara masyarakat kedua negara"
    ("outcome-seoul-tokyo-closer-cooperation-of-the-publics", PDO.Outcome, "partnership-seoul-tokyo",
     "Pengaruh dan Dampak Kemitraan Kota, item 1", "antara masyarakat kedua negara"),
    # 003 item 1: "dapat membantu mengurangi ketegangan politik antara Korea Selatan dan Jepang"
    ("outcome-seoul-tokyo-easing-political-tension", PDO.Outcome, "partnership-seoul-tokyo",
     "Pengaruh dan Dampak Kemitraan Kota, item 1", "mengurangi ketegangan politik"),
    # 002 VI.1 para. 6: "tahun 2017-2019 telah usai, namun revitalisasi bangunan bersejarah masih harus terus dilakukan"
    ("judgement-jakarta-hanoi-heritage-unfinished", PDO.Judgement, "partnership-jakarta-hanoi",
     "VI.1 Kesimpulan, para. 6", "masih harus terus dilakukan"),
    # 002 VI.1 para. 6: "konsep paradiplomasi di Indonesia terlihat sudah dijalankan"; about no one partnership
    ("judgement-paradiplomacy-in-indonesia-practised", PDO.Judgement, None,
     "VI.1 Kesimpulan, para. 6", "paradiplomasi di Indonesia terlihat sudah dijalankan"),
])
def test_a_claim_of_the_source_is_a_claim_with_its_passage(kg, claim, kind, about, locator, words):
    node = PD[claim]
    assert (node, RDF.type, kind) in kg
    assert kg.value(node, PDO.claimAbout) == (PD[about] if about else None)
    cites = [(str(kg.value(c, PDO.locator)), str(kg.value(c, PDO.quote))) for c in kg.objects(node, PDO.attestedBy)]
    assert any(loc == locator and words in quote for loc, quote in cites), cites


def test_the_easing_of_tension_is_claimed_for_both_countries(kg):
    # 003 item 1: "antara Korea Selatan dan Jepang"
    assert set(kg.objects(PD["outcome-seoul-tokyo-easing-political-tension"], PDO.beneficiary)) == {
        PD["south-korea"], PD["japan"]}
