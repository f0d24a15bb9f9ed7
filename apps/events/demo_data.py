# ruff: noqa: E501 (texts are kept whole, one per line, to be read and translated)
"""The texts of the demo events (Vietnamese, English), from FACTS.md; see ``demo.py``.

Each event: ``title``, ``summary`` (and optional ``description``, ``audience``,
``registration``) as (vi, en); ``category``; ``day`` (days after the programme's first day),
``date`` (2024 events outside a programme) or ``in_days`` (days after today); ``start``/``end``
as HH:MM (``days`` for several days); the place as ``space_in`` (a House of Wisdom of that
ward or commune), ``club_in`` (a club of it) or ``place`` with ``area`` and ``geo``.
"""

from .models import Category

SQUARE = ("Quảng trường Tây Bắc", "Tây Bắc (North-west) Square")
SQUARE_GEO = ("21.325600", "103.918800")
FISH_POND = ("Khu di tích ao cá Bác Hồ", "Uncle Ho's fish pond memorial site")
FISH_POND_GEO = ("21.329000", "103.905000")
LIBRARY = ("Thư viện tỉnh Sơn La", "Son La Provincial Library")
LIBRARY_GEO = ("21.327000", "103.914000")
CENTRAL = ("Trụ sở Thành ủy – HĐND – UBND thành phố", "The city's central administrative building")
CITY = ("UBND thành phố Sơn La", "Son La City People's Committee")
CITY_EDU = (
    "Phòng Giáo dục và Đào tạo thành phố",
    "The city's Department of Education and Training",
)
ALL = ("Mọi người dân", "Everyone")

LLW_2024 = {
    "name": ("Tuần lễ học tập suốt đời 2024", "Lifelong Learning Week 2024"),
    "summary": (
        "Hội sách, ra mắt sách mới, giao lưu tác giả – bạn đọc, thi viết và vẽ, hội thảo và "
        "triển lãm từ ngày 1 đến 7 tháng 10 năm 2024.",
        "Book fairs, new-book launches, author–reader exchanges, writing and drawing contests, "
        "workshops and exhibitions from 1 to 7 October 2024.",
    ),
    "description": (
        "Tuần lễ học tập suốt đời đầu tiên sau khi Sơn La trở thành thành viên Mạng lưới các "
        "thành phố học tập toàn cầu của UNESCO. Triển lãm sách và tranh tại khu di tích ao cá "
        "Bác Hồ và Quảng trường Tây Bắc; 179 bức tranh dự thi trưng bày tại trụ sở thành phố.",
        "The first Lifelong Learning Week since Son La joined the UNESCO Global Network of "
        "Learning Cities. Exhibitions of books and paintings at Uncle Ho's fish pond and Tây Bắc "
        "Square; the 179 contest paintings shown at the city's central building.",
    ),
    "events": {
        "khai-mac-tuan-le-hoc-tap-suot-doi-2024": {
            "title": (
                "Khai mạc Tuần lễ học tập suốt đời 2024",
                "Opening of Lifelong Learning Week 2024",
            ),
            "summary": (
                "Lễ khai mạc và hội sách tại Quảng trường Tây Bắc.",
                "The opening ceremony and book fair on Tây Bắc Square.",
            ),
            "category": Category.CEREMONY,
            "day": 0,
            "start": "07:30",
            "end": "10:00",
            "place": SQUARE,
            "area": "to-hieu",
            "geo": SQUARE_GEO,
            "organiser": CITY,
            "audience": ALL,
        },
        "hoi-sach-quang-truong-tay-bac-2024": {
            "title": ("Hội sách Quảng trường Tây Bắc", "Book fair on Tây Bắc Square"),
            "summary": (
                "Các nhà sách và thư viện giới thiệu sách mới, sách thiếu nhi và sách về Tây Bắc.",
                "Bookshops and libraries show new books, children's books and books about the north-west.",
            ),
            "category": Category.READING,
            "day": 0,
            "days": 7,
            "all_day": True,
            "place": SQUARE,
            "area": "to-hieu",
            "geo": SQUARE_GEO,
            "organiser": LIBRARY,
            "audience": ALL,
        },
        "trien-lam-179-buc-tranh-du-thi-2024": {
            "title": ("Triển lãm 179 bức tranh dự thi", "Exhibition of the 179 contest paintings"),
            "summary": (
                "Tranh dự thi “Sơn La – Thành phố học tập toàn cầu tôi yêu” tại trụ sở thành phố.",
                "The paintings of the “Son La – My Beloved Global Learning City” contest at the city's central building.",
            ),
            "category": Category.EXHIBITION,
            "day": 0,
            "days": 7,
            "all_day": True,
            "place": CENTRAL,
            "area": "to-hieu",
            "contest": True,
            "organiser": CITY,
            "audience": ALL,
        },
        "ra-mat-sach-moi-va-giao-luu-tac-gia-ban-doc-2024": {
            "title": (
                "Ra mắt sách mới và giao lưu tác giả – bạn đọc",
                "New-book launch and author–reader exchange",
            ),
            "summary": (
                "Các tác giả Sơn La giới thiệu sách mới và trò chuyện với bạn đọc.",
                "Son La authors present their new books and talk with readers.",
            ),
            "category": Category.READING,
            "day": 1,
            "start": "14:00",
            "end": "16:30",
            "place": LIBRARY,
            "area": "to-hieu",
            "geo": LIBRARY_GEO,
            "organiser": LIBRARY,
            "audience": ALL,
        },
        "hoi-thao-chia-se-kinh-nghiem-gia-dinh-hoc-tap-2024": {
            "title": (
                "Hội thảo chia sẻ kinh nghiệm “Gia đình học tập”",
                "Workshop: sharing experience of “Learning Families”",
            ),
            "summary": (
                "Các gia đình, dòng họ và cộng đồng học tập kể cách họ học cùng nhau.",
                "Learning families, lineages and communities tell how they learn together.",
            ),
            "category": Category.WORKSHOP,
            "day": 2,
            "start": "08:00",
            "end": "11:30",
            "place": CENTRAL,
            "area": "to-hieu",
            "organiser": (
                "Hội Khuyến học thành phố",
                "The city's Association for Promoting Education",
            ),
        },
        "trien-lam-sach-va-tranh-ao-ca-bac-ho-2024": {
            "title": (
                "Triển lãm sách và tranh tại khu di tích ao cá Bác Hồ",
                "Exhibition of books and paintings at Uncle Ho's fish pond",
            ),
            "summary": (
                "Sách, báo và tranh vẽ của thiếu nhi về học tập suốt đời.",
                "Books, newspapers and children's paintings about lifelong learning.",
            ),
            "category": Category.EXHIBITION,
            "day": 3,
            "days": 4,
            "all_day": True,
            "place": FISH_POND,
            "area": "to-hieu",
            "geo": FISH_POND_GEO,
            "organiser": LIBRARY,
            "audience": ALL,
        },
        "khanh-thanh-truong-mam-non-chieng-den-2024": {
            "title": ("Khánh thành Trường Mầm non Chiềng Đen", "Opening of Chiềng Đen Preschool"),
            "summary": (
                "Hai dãy nhà hai tầng, 14 phòng học và bếp ăn, đầu tư 20 tỷ đồng; bàn giao gói "
                "giáo dục âm nhạc và nghệ thuật mầm non của tổ chức Laulau Learning (Phần Lan).",
                "Two two-storey buildings, 14 classrooms and a kitchen, built for 20 billion VND; "
                "hand-over of the music-and-arts early childhood package of the Finnish "
                "organisation Laulau Learning.",
            ),
            "description": (
                "Trường được xây dựng từ tháng 3 năm 2024. Sơn La là thành phố đầu tiên của Việt "
                "Nam thí điểm gói giáo dục âm nhạc và nghệ thuật của Laulau Learning.",
                "Built from March 2024. Son La is the first Vietnamese city to pilot Laulau "
                "Learning's music-and-arts package.",
            ),
            "category": Category.CEREMONY,
            "day": 4,
            "start": "08:00",
            "end": "10:00",
            "place": ("Trường Mầm non Chiềng Đen", "Chiềng Đen Preschool"),
            "area": "chieng-den",
            "organiser": CITY_EDU,
            "audience": ("Phụ huynh và trẻ em", "Parents and children"),
        },
        "thi-viet-va-ve-tu-sach-bao-2024": {
            "title": (
                "Thi viết và vẽ lấy cảm hứng từ sách, báo",
                "Writing and drawing contest inspired by books and newspapers",
            ),
            "summary": (
                "Học sinh viết và vẽ về một cuốn sách hoặc bài báo em yêu thích.",
                "Pupils write and draw about a book or newspaper article they love.",
            ),
            "category": Category.CONTEST,
            "day": 4,
            "start": "14:00",
            "end": "16:30",
            "place": LIBRARY,
            "area": "to-hieu",
            "geo": LIBRARY_GEO,
            "organiser": CITY_EDU,
            "audience": ("Học sinh", "Pupils"),
        },
        "trao-giai-cuoc-thi-son-la-thanh-pho-hoc-tap-2024": {
            "title": (
                "Trao giải cuộc thi “Sơn La – Thành phố học tập toàn cầu tôi yêu” và bế mạc",
                "Contest awards and closing of the Week",
            ),
            "summary": (
                "Công bố 38 tác phẩm xuất sắc trong 290 tác phẩm dự thi và bế mạc Tuần lễ.",
                "The 38 outstanding works among 290 entries are announced, and the Week closes.",
            ),
            "category": Category.CEREMONY,
            "day": 6,
            "start": "19:30",
            "end": "21:30",
            "place": SQUARE,
            "area": "to-hieu",
            "geo": SQUARE_GEO,
            "contest": True,
            "organiser": CITY,
            "audience": ALL,
        },
    },
}

READING_MONTH = {
    "name": ("Tháng đọc sách tháng 4/2024", "Reading Month, April 2024"),
    "summary": (
        "Các hoạt động sách và văn hóa đọc trong tháng Tư, quanh Ngày Sách và Văn hóa đọc Việt Nam (21/4).",
        "Book and reading-culture events in April, around Vietnam Book and Reading Culture Day (21 April).",
    ),
    "description": (
        "Thư viện, trường học, Nhà Tri thức và tủ sách nhân ái cùng mời người dân đọc sách.",
        "Libraries, schools, Houses of Wisdom and humane libraries invite everyone to read.",
    ),
    "events": {
        "ngay-sach-va-van-hoa-doc-viet-nam-2024": {
            "title": ("Ngày Sách và Văn hóa đọc Việt Nam", "Vietnam Book and Reading Culture Day"),
            "summary": (
                "Hội sách và đọc sách cùng thiếu nhi.",
                "A book fair and reading with children.",
            ),
            "category": Category.READING,
            "day": 20,
            "start": "07:30",
            "end": "11:00",
            "place": LIBRARY,
            "area": "to-hieu",
            "geo": LIBRARY_GEO,
            "organiser": LIBRARY,
            "audience": ALL,
        },
        "tang-sach-cho-tu-sach-nhan-ai-2024": {
            "title": ("Tặng sách cho các tủ sách nhân ái", "Books donated to the humane libraries"),
            "summary": (
                "Sách mới cho các tủ sách nhân ái ở bản.",
                "New books for the villages' humane libraries.",
            ),
            "category": Category.READING,
            "day": 11,
            "start": "08:00",
            "end": "10:00",
            "space_in": "chieng-den",
            "organiser": ("Đoàn Thanh niên thành phố", "The city's Youth Union"),
        },
        "doc-sach-cung-con-tai-nha-tri-thuc-2024": {
            "title": (
                "Đọc sách cùng con tại Nhà Tri thức",
                "Reading with your child at the House of Wisdom",
            ),
            "summary": (
                "Buổi đọc truyện cho cha mẹ và con nhỏ.",
                "Story time for parents and young children.",
            ),
            "category": Category.READING,
            "day": 26,
            "start": "19:00",
            "end": "20:30",
            "space_in": "chieng-ngan",
            "organiser": ("Nhà Tri thức của bản", "The village's House of Wisdom"),
            "audience": ("Cha mẹ và con nhỏ", "Parents and young children"),
        },
    },
}

STANDALONE = {
    "le-don-nhan-danh-hieu-thanh-pho-hoc-tap-toan-cau-unesco": {
        "title": (
            "Lễ đón nhận danh hiệu Thành phố học tập toàn cầu của UNESCO",
            "Reception of the UNESCO Global Learning City title",
        ),
        "summary": (
            "Hơn 3.000 người dự lễ; đại diện UNESCO trao chứng nhận thành viên.",
            "Over 3,000 people attend; a UNESCO representative hands over the certificate.",
        ),
        "description": (
            "Quỹ học bổng Tô Hiệu trao học bổng cho 112 học sinh các trường mang tên Tô Hiệu và 80 "
            "học sinh xuất sắc ở các huyện còn khó khăn. Buổi lễ khép lại bằng điệu xòe đoàn kết.",
            "The Tô Hiệu Scholarship Fund gives scholarships to 112 pupils of schools named after "
            "Tô Hiệu and to 80 outstanding pupils from districts facing hardship. The evening "
            "closes with a unity dance.",
        ),
        "category": Category.CEREMONY,
        "date": "2024-03-19",
        "start": "19:30",
        "end": "22:00",
        "place": SQUARE,
        "area": "to-hieu",
        "geo": SQUARE_GEO,
        "organiser": CITY,
        "audience": ALL,
    },
    "hoi-nghi-thanh-pho-hoc-tap-khu-vuc-asean-3-bangkok-2024": {
        "title": (
            "Hội nghị các thành phố học tập khu vực ASEAN+3",
            "ASEAN+3 Regional Learning Cities Conference",
        ),
        "summary": (
            "Khoảng 200 đại biểu; Sơn La trình bày “xây dựng thành phố học tập, không để ai bị bỏ lại phía sau”.",
            "About 200 delegates; Son La presents “building a learning city so that no one is left behind”.",
        ),
        "category": Category.CONFERENCE,
        "date": "2024-10-29",
        "days": 2,
        "all_day": True,
        "external": True,
        "place": ("Bangkok, Thái Lan", "Bangkok, Thailand"),
        "geo": ("13.756300", "100.501800"),
        "organiser": ("UNESCO và các đối tác", "UNESCO and partners"),
        "audience": ("Đại biểu các thành phố học tập", "Delegates of learning cities"),
    },
}

_PROPOSE = (
    "Trường học, cơ quan, câu lạc bộ, Nhà Tri thức và người dân được mời tổ chức một hoạt động "
    "học tập trong tuần: đọc sách, lớp học, hội thảo, triển lãm, giao lưu.",
    "Schools, workplaces, clubs, Houses of Wisdom and residents are invited to host a learning "
    "event in the Week: reading, a class, a workshop, an exhibition, a meeting.",
)

UPCOMING = {
    "week": {
        "name": ("Tuần lễ học tập suốt đời %(year)s", "Lifelong Learning Week %(year)s"),
        "summary": (
            "Một tuần học tập cho mọi người, ở mọi bản, tổ dân phố.",
            "A week of learning for everyone, in every village and residential group.",
        ),
        "description": _PROPOSE,
        "call": _PROPOSE,
        "events": {
            "khai-mac-tuan-le-hoc-tap-suot-doi-sap-toi": {
                "title": ("Khai mạc Tuần lễ học tập suốt đời", "Opening of Lifelong Learning Week"),
                "summary": ("Lễ khai mạc và hội sách.", "The opening ceremony and book fair."),
                "category": Category.CEREMONY,
                "day": 0,
                "start": "07:30",
                "end": "10:00",
                "place": SQUARE,
                "area": "to-hieu",
                "geo": SQUARE_GEO,
                "organiser": CITY,
                "audience": ALL,
            },
            "ngay-hoi-doc-sach-thieu-nhi-sap-toi": {
                "title": ("Ngày hội đọc sách thiếu nhi", "Children's reading day"),
                "summary": (
                    "Kể chuyện, đọc sách và vẽ tranh.",
                    "Storytelling, reading and drawing.",
                ),
                "category": Category.READING,
                "day": 2,
                "start": "08:00",
                "end": "11:00",
                "place": LIBRARY,
                "area": "to-hieu",
                "geo": LIBRARY_GEO,
                "organiser": LIBRARY,
                "audience": ("Thiếu nhi", "Children"),
            },
        },
    },
    "events": {
        "lop-chu-thai-cho-thieu-nhi": {
            "title": ("Lớp chữ Thái cho thiếu nhi", "Thai script class for children"),
            "summary": (
                "Học đọc và viết chữ Thái cổ.",
                "Learn to read and write the Tai Viet script.",
            ),
            "category": Category.CLASS,
            "in_days": 2,
            "start": "08:00",
            "end": "10:00",
            "club_in": "chieng-den",
            "place": ("Nhà văn hóa bản", "The village cultural house"),
            "organiser": ("Câu lạc bộ văn hóa Thái", "The Thai cultural club"),
            "audience": ("Thiếu nhi từ 8 tuổi", "Children aged 8 and over"),
        },
        "tap-xoe-doan-ket": {
            "title": ("Tập xòe đoàn kết", "Unity dance practice"),
            "summary": (
                "Mọi người cùng tập điệu xòe vòng.",
                "Everyone learns the circle Xòe dance.",
            ),
            "category": Category.CLUB_MEETING,
            "in_days": 0,
            "start": "19:30",
            "end": "21:00",
            "club_in": "chieng-coi",
            "place": ("Nhà văn hóa bản", "The village cultural house"),
            "organiser": ("Câu lạc bộ văn hóa Thái", "The Thai cultural club"),
            "audience": ALL,
        },
        "hoi-thao-ky-nang-so-cho-nguoi-cao-tuoi": {
            "title": ("Kỹ năng số cho người cao tuổi", "Digital skills for older people"),
            "summary": (
                "Dùng điện thoại thông minh an toàn: gọi video, dịch vụ công trực tuyến.",
                "Using a smartphone safely: video calls, online public services.",
            ),
            "category": Category.WORKSHOP,
            "in_days": 5,
            "start": "14:00",
            "end": "16:00",
            "space_in": "chieng-an",
            "organiser": ("Đoàn Thanh niên phường", "The ward's Youth Union"),
            "audience": ("Người cao tuổi", "Older people"),
            "registration": (
                "Đăng ký tại Nhà Tri thức trước một ngày.",
                "Register at the House of Wisdom a day before.",
            ),
        },
        "doc-sach-cuoi-tuan-tai-nha-tri-thuc": {
            "title": (
                "Đọc sách cuối tuần tại Nhà Tri thức",
                "Weekend reading at the House of Wisdom",
            ),
            "summary": (
                "Sách mới về nông nghiệp và chăm sóc sức khỏe.",
                "New books on farming and health care.",
            ),
            "category": Category.READING,
            "in_days": 8,
            "start": "08:00",
            "end": "11:00",
            "space_in": "hua-la",
            "organiser": ("Nhà Tri thức của bản", "The village's House of Wisdom"),
            "audience": ALL,
        },
        "trien-lam-trang-phuc-truyen-thong-cac-dan-toc": {
            "title": (
                "Triển lãm trang phục truyền thống các dân tộc",
                "Exhibition of traditional costumes",
            ),
            "summary": (
                "Trang phục của 13 dân tộc ở Sơn La.",
                "The costumes of Son La's 13 ethnic groups.",
            ),
            "category": Category.EXHIBITION,
            "in_days": 10,
            "days": 3,
            "all_day": True,
            "place": SQUARE,
            "area": "to-hieu",
            "geo": SQUARE_GEO,
            "organiser": CITY,
            "audience": ALL,
        },
        "lop-tieng-anh-giao-tiep-cho-nguoi-lon": {
            "title": ("Lớp tiếng Anh giao tiếp cho người lớn", "Conversational English for adults"),
            "summary": ("Mười buổi tối, mỗi tuần hai buổi.", "Ten evenings, two a week."),
            "category": Category.CLASS,
            "in_days": 12,
            "start": "19:00",
            "end": "20:30",
            "space_in": "chieng-sinh",
            "organiser": ("Trung tâm học tập cộng đồng", "The community learning centre"),
            "free": False,
            "registration": (
                "Học phí 200.000 đồng cho cả khóa.",
                "200,000 VND for the whole course.",
            ),
        },
        "giao-luu-van-nghe-mung-xuan": {
            "title": ("Giao lưu văn nghệ mừng xuân", "New Year music and dance evening"),
            "summary": ("Múa xòe, hát dân ca Thái.", "Xòe dance and Thai folk songs."),
            "category": Category.PERFORMANCE,
            "in_days": 6,
            "start": "19:30",
            "end": "21:30",
            "club_in": "quyet-thang",
            "place": ("Nhà văn hóa tổ", "The group's cultural house"),
            "organiser": ("Câu lạc bộ văn hóa Thái", "The Thai cultural club"),
            "audience": ALL,
            "cancelled": True,
            "cancellation": (
                "Hoãn vì mưa lớn; sẽ báo ngày mới.",
                "Postponed for heavy rain; a new date will follow.",
            ),
        },
        "ngay-hoi-sach-cu-trao-doi": {
            "title": ("Ngày hội trao đổi sách cũ", "Second-hand book swap"),
            "summary": (
                "Mang một cuốn sách, nhận về một cuốn khác.",
                "Bring a book, take another home.",
            ),
            "category": Category.READING,
            "in_days": 15,
            "start": "07:30",
            "end": "11:00",
            "place": LIBRARY,
            "area": "to-hieu",
            "geo": LIBRARY_GEO,
            "organiser": LIBRARY,
            "audience": ALL,
        },
    },
}
