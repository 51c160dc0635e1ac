/**
 * People and places for the synthetic corpus. Deliberately NOT the detector's lists: about half
 * of these names are everyday US names any list would hold, the rest are names a rule-based
 * detector will only find from context (Nkechi Okwuosa, Thaddeus Abernathy, Marisol Quispe),
 * as in real clinics. Every value is invented; any resemblance to a real person is chance.
 */
const list = (text: string): string[] =>
  text
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/_/g, ' '));

/** Female given names. */
export const FEMALE_GIVEN = list(`
Mary Linda Susan Karen Nancy Lisa Betty Sandra Donna Carol Michelle Emily Amanda Melissa Deborah Laura
Rebecca Sharon Cynthia Kathleen Angela Brenda Pamela Nicole Samantha Christine Rachel Janet Heather Diane
Maria Julie Joyce Victoria Kelly Megan Gloria Teresa Doris Beverly Denise Marilyn Theresa Brittany
Tamika Latoya Shanice Imani Keisha Ebony Precious Nkechi Chiamaka Efua Abena Nomvula Thandeka Zodwa
Xochitl Marisol Esperanza Yesenia Guadalupe Rocio Maribel Itzel Dulce Lourdes Consuelo Graciela
Leilani Keala Malia Priyanka Parvati Shreya Lakshmi Meenakshi Aditi Bao Thuy Huong Lan Mai Ngoc
Mei-Ling Xiaoyan Yuting Hyejin Minji Eun-ji Sakura Haruka Dorota Agnieszka Małgorzata Zofia Eilidh
Siobhan Aoife Gwendolyn Millicent Henrietta Philippa Ottoline Rosalind Winifred Tatiana Svetlana Oksana
Shirin Parisa Yasmin Leyla Ayse Fatma Rania Noor Amal Hadiya Temperance Clementine Dolores Bernadette
`);

/** Male given names. */
export const MALE_GIVEN = list(`
James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel Matthew Anthony
Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Edward Ronald Timothy Jason Jeffrey Ryan Gary
Eric Stephen Larry Justin Scott Frank Raymond Gregory Samuel Patrick Dennis Jerry Harold Walter Peter
DeShawn Jamal Tyrone Darnell Marquis Terrell Kwabena Chidi Emeka Obinna Tendai Sipho Thabo Kwame
Santiago Mateo Joaquin Ezequiel Rigoberto Teodoro Alejandro Guillermo Heriberto Ignacio Leonel
Keanu Kaimana Siddharth Rajesh Venkat Harish Naveen Pranav Minh Quang Tuan Duc Bao-Long Wei-Jie
Zhiwei Haoran Jae-won Dong-hyun Takeshi Ryota Radosław Bogdan Wojciech Tomasz Ruairi Cathal Padraig
Thaddeus Bartholomew Cornelius Ambrose Lucius Alistair Torsten Magnus Leif Anders Kaveh Dariush Arash
Mehmet Emre Yusuf Karim Tariq Bilal Hamza Idris Florian Ansel Casimir Evander Barnaby Percival Rufus
`);

/** Family names. Include everyday-word surnames (Brown, King, Bell) on purpose. */
export const FAMILY = list(`
Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson
Anderson Taylor Moore Jackson Martin Lee Thompson White Harris Clark Lewis Robinson Walker Young Allen
King Wright Hill Green Adams Baker Nelson Campbell Mitchell Roberts Carter Phillips Evans Turner Parker
Collins Edwards Stewart Morris Murphy Cook Rogers Morgan Cooper Peterson Bailey Reed Kelly Howard Cox
Bell Long Price Rice Hunt Stone Fox Black Gray Wood Little Day Love Cross Sharp Rose
Nguyen Tran Pham Le Vo Huynh Patel Shah Desai Iyer Venkataraman Subramanian Chakraborty Bhattacharya
Chen Wang Zhang Liu Huang Zhao Kim Park Choi Tanaka Nakagawa Yoshida Fujimoto Okafor Okonkwo Okwuosa
Adeyemi Oyelaran Mensah Asante Boateng Mwangi Nkosi Dlamini Abernathy Featherstone Brightwater
Halvorsen Thorsen Lindqvist Kowalczyk Wiśniewski Zielinski Nowakowski Ivanova Petrenko Kuznetsov
Quispe Mamani Villanueva Castellanos Echeverria Zavala Arredondo Ibarra Montalvo Sepúlveda
O'Sullivan McAllister MacLeod Fitzpatrick Donnelly Ó_Briain Kealoha Kahananui Haddad Khoury Nasser
Farahani Rostami Yilmaz Demir Kaya Cohen Goldberg Rosenthal Abramowitz Schwartzman Lloyd-Jones
van_der_Berg de_la_Cruz Dos_Santos St._Clair Ruiz-Tagle Al-Rashid Ben-David Whitfield Pemberton
Crenshaw Blackwood Ashworth Wainwright Fairbanks Thistlewood Underhill Vanderbilt Kingsley Hollingsworth
`);

/** Cities with their state; some are in any US-city list, many are small towns that are not. */
export const CITIES: ReadonlyArray<readonly [city: string, state: string]> = [
  ['Columbus', 'OH'],
  ['Dayton', 'OH'],
  ['Chillicothe', 'OH'],
  ['Marietta', 'OH'],
  ['Zanesville', 'OH'],
  ['Boston', 'MA'],
  ['Worcester', 'MA'],
  ['Pittsfield', 'MA'],
  ['Fall River', 'MA'],
  ['Houston', 'TX'],
  ['Nacogdoches', 'TX'],
  ['Lubbock', 'TX'],
  ['San Antonio', 'TX'],
  ['Brownsville', 'TX'],
  ['Seattle', 'WA'],
  ['Walla Walla', 'WA'],
  ['Yakima', 'WA'],
  ['Spokane', 'WA'],
  ['Bozeman', 'MT'],
  ['Kalispell', 'MT'],
  ['Keene', 'NH'],
  ['Nashua', 'NH'],
  ['Ypsilanti', 'MI'],
  ['Kalamazoo', 'MI'],
  ['Traverse City', 'MI'],
  ['Chicago', 'IL'],
  ['Peoria', 'IL'],
  ['Carbondale', 'IL'],
  ['Atlanta', 'GA'],
  ['Valdosta', 'GA'],
  ['Macon', 'GA'],
  ['Phoenix', 'AZ'],
  ['Flagstaff', 'AZ'],
  ['Yuma', 'AZ'],
  ['Denver', 'CO'],
  ['Pueblo', 'CO'],
  ['Durango', 'CO'],
  ['Portland', 'OR'],
  ['Bend', 'OR'],
  ['Medford', 'OR'],
  ['Baltimore', 'MD'],
  ['Hagerstown', 'MD'],
  ['Nashville', 'TN'],
  ['Knoxville', 'TN'],
  ['Jackson', 'MS'],
  ['Tupelo', 'MS'],
  ['Springfield', 'IL'],
  ['Springfield', 'MO'],
  ['Rochester', 'MN'],
  ['Duluth', 'MN'],
  ['Mankato', 'MN'],
  ['Albuquerque', 'NM'],
  ['Las Cruces', 'NM'],
  ['Sacramento', 'CA'],
  ['Fresno', 'CA'],
  ['Eureka', 'CA'],
  ['Salinas', 'CA'],
  ['Pittsburgh', 'PA'],
  ['Scranton', 'PA'],
  ['Altoona', 'PA'],
  ['Burlington', 'VT'],
  ['Rutland', 'VT'],
  ['Bangor', 'ME'],
  ['Lewiston', 'ME'],
  ['Honolulu', 'HI'],
  ['Hilo', 'HI'],
  ['Anchorage', 'AK'],
  ['Fairbanks', 'AK'],
  ['Omaha', 'NE'],
  ['Kearney', 'NE'],
  ['Boise', 'ID'],
  ['Pocatello', 'ID'],
  ['Des Moines', 'IA'],
  ['Dubuque', 'IA'],
  ['Louisville', 'KY'],
  ['Paducah', 'KY'],
  ['Charleston', 'WV'],
  ['Morgantown', 'WV'],
  ['Tulsa', 'OK'],
  ['Muskogee', 'OK'],
];

/** Street names and types for addresses. */
export const STREET_NAMES = list(`
Maple Oak Cedar Pine Elm Birch Walnut Chestnut Willow Magnolia Sycamore Hickory Laurel Juniper Aspen
Washington Lincoln Jefferson Madison Franklin Jackson Adams Monroe Main Church Market Mill Spring
Park Lake River Ridge Meadow Highland Sunset Valley Orchard Prairie Forest Harbor Summit Fairview
Greenwood Riverside Lakeview Hillcrest Kingston Wellington Bayview Brookside Cottonwood Dogwood
Martin_Luther_King_Jr Cesar_Chavez Old_Mill Cherry_Hill Deer_Creek Fox_Run Quail_Hollow Bent_Tree
`);
/** Street types, full and abbreviated. */
export const STREET_TYPES = list(
  `Street St St. Avenue Ave Ave. Road Rd Rd. Drive Dr Lane Ln Court Ct Boulevard Blvd Way Place Pl Terrace Circle Parkway Trail Highway`,
);

/** E-mail domains (example domains and generic webmail). */
export const EMAIL_DOMAINS = list(
  `example.com example.org example.net mail.example.com gmail.com yahoo.com outlook.com hotmail.com icloud.com aol.com comcast.net protonmail.com`,
);

/** Chinese names (family name first) for the bilingual notes. */
export const CHINESE_NAMES = list(
  `张伟 王芳 李娜 刘洋 陈静 杨磊 黄敏 赵丽 周杰 吴强 徐明 孙燕 马超 朱婷 胡军 郭华 林峰 何静 高翔 罗琳 欧阳明 司马光远`,
);
/** Chinese street addresses for the bilingual notes. */
export const CHINESE_ADDRESSES = list(`
北京市海淀区中关村大街27号 上海市浦东新区张江路88号1203室 广州市天河区体育西路191号 杭州市西湖区文三路478号
成都市武侯区人民南路四段12号 武汉市洪山区珞喻路1037号 南京市鼓楼区中山路321号602室 深圳市南山区科技园南区18号
`);
