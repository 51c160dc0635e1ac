/**
 * Word lists for the name rules. The given and family names are the most frequent ones in US
 * records (Social Security and census frequency tables) with common Hispanic, East and South
 * Asian, and African names added; a name outside these lists is still found when a cue such as
 * "Mr." or "Patient:" stands in front of it. All lookups are by lowercase form.
 */

const words = (list: string): Set<string> => new Set(list.trim().toLowerCase().split(/\s+/));

/** Common given names. */
export const GIVEN_NAMES: ReadonlySet<string> = words(`
James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel Matthew Anthony Mark
Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Timothy Ronald Edward Jason Jeffrey Ryan Jacob
Gary Nicholas Eric Jonathan Stephen Larry Justin Scott Brandon Benjamin Samuel Gregory Alexander Frank Patrick
Raymond Jack Dennis Jerry Tyler Aaron Jose Adam Nathan Henry Douglas Zachary Peter Kyle Ethan Walter Noah
Jeremy Christian Keith Roger Terry Gerald Harold Sean Austin Carl Arthur Lawrence Dylan Jesse Jordan Bryan
Billy Joe Bruce Gabriel Logan Albert Willie Alan Juan Wayne Elijah Randy Roy Vincent Ralph Eugene Russell
Bobby Mason Philip Louis Harry Howard Fred Ernest Martin Craig Stanley Shawn Travis Luis Carlos Miguel
Jesus Antonio Manuel Francisco Javier Alejandro Ricardo Eduardo Pedro Diego Rafael Fernando Jorge Roberto
Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy Betty Margaret Sandra
Ashley Kimberly Emily Donna Michelle Carol Amanda Dorothy Melissa Deborah Stephanie Rebecca Sharon Laura
Cynthia Kathleen Amy Angela Shirley Anna Brenda Pamela Emma Nicole Helen Samantha Katherine Christine Debra
Rachel Carolyn Janet Catherine Maria Heather Diane Ruth Julie Olivia Joyce Virginia Victoria Kelly Lauren
Christina Joan Evelyn Judith Megan Andrea Cheryl Hannah Jacqueline Martha Gloria Teresa Ann Sara Madison
Frances Kathryn Janice Jean Abigail Alice Judy Sophia Julia Denise Amber Doris Marilyn Danielle Beverly
Isabella Theresa Diana Natalie Brittany Charlotte Marie Kayla Alexis Lori Ava Mia Harper Evelyn Ella Chloe
Camila Luna Sofia Avery Scarlett Eleanor Lily Aria Layla Zoe Nora Hazel Aurora Penelope Riley Lucy Stella
Rosa Carmen Lucia Guadalupe Juana Ana Elena Isabel Yolanda Adriana Veronica Gabriela Mariana Daniela
Wei Li Ming Jun Hui Xin Yan Lei Jing Hong Ying Hao Chen Yu Mei Ling Hiroshi Yuki Kenji Akira Haruto Sakura
Min-jun Seo-yeon Ji-woo Hyun Soo Jin Raj Priya Anil Sunil Amit Deepa Anjali Ravi Vikram Sanjay Arjun
Lakshmi Nisha Rohan Aarav Mohammed Muhammad Ahmed Ali Omar Fatima Aisha Yusuf Hassan Ibrahim Layla Zainab
Kwame Kofi Ama Chinedu Ngozi Oluwaseun Adebayo Amara Thandiwe Sipho Abebe Tariq Dmitri Olga Ivan Natasha
Sergei Irina Anastasia Pavel Katarzyna Piotr Agnieszka Giuseppe Giovanni Francesca Marco Luca Matteo
Pierre Jacques Camille Sebastien Hans Klaus Greta Lars Ingrid Sven Astrid Niamh Siobhan Liam Declan Aoife
Tom Tim Jim Bob Mike Dave Steve Chris Nick Tony Dan Joe Ben Sam Alex Kate Katie Jenny Beth Liz Meg Sue
`);

/** Common family names. */
export const FAMILY_NAMES: ReadonlySet<string> = words(`
Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson
Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis
Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera
Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart
Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim
Cox Ward Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo
Sanders Patel Myers Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman Butler
Henderson Barnes Gonzales Fisher Vasquez Simmons Romero Jordan Patterson Alexander Hamilton Graham Reynolds
Griffin Wallace Moreno West Cole Hayes Bryant Herrera Gibson Ellis Tran Medina Aguilar Stevens Murray Ford
Castro Marshall Owens Harrison Fernandez McDonald Woods Washington Kennedy Wells Vargas Henry Chen Freeman
Webb Tucker Guzman Burns Crawford Olson Simpson Porter Hunter Gordon Mendez Silva Shaw Snyder Mason Dixon
Munoz Hunt Hicks Holmes Palmer Wagner Black Robertson Boyd Rose Stone Salazar Fox Warren Mills Meyer Rice
Schmidt Garza Daniels Ferguson Nichols Stephens Soto Weaver Ryan Gardner Payne Grant Dunn Kelley Spencer
Hawkins Arnold Pierce Vazquez Hansen Peters Santos Hart Bradley Knight Elliott Cunningham Duncan Armstrong
Hudson Carroll Lane Riley Andrews Alvarado Ray Delgado Berry Perkins Hoffman Johnston Matthews Pena
Richards Contreras Willis Carpenter Lawrence Sandoval Guerrero George Chapman Rios Estrada Ortega Watkins
Greene Nunez Wheeler Valdez Harper Burke Larson Santiago Maldonado Morrison Franklin Carlson Austin Dominguez
Carr Lawson Jacobs OBrien O'Brien Lynch Singh Vega Bishop Montgomery Oliver Jensen Harvey Williamson Gilbert
Dean Sims Espinoza Howell Li Wong Reid Hanson Le McCoy Garrett Burton Fuller Wang Weber Welch Rojas Lucas
Marquez Fields Park Yang Little Banks Padilla Day Walsh Bowman Schultz Luna Fowler Mejia Davidson Acosta
Brewer May Holland Juarez Newman Pearson Curtis Cortez Douglas Schneider Joseph Barrett Navarro Figueroa
Keller Avila Wade Molina Stanley Hopkins Campos Barnett Bates Chambers Caldwell Beck Lambert Miranda Byrd
Craig Ayala Lowe Frazier Powers Neal Leonard Gregory Carrillo Sutton Fleming Rhodes Shelton Schwartz Norris
Jennings Watts Duran Walters Cohen McDaniel Moran Parks Steele Vaughn Becker Holt Deleon Barker Terry Hale
Leon Hail Benson Haynes Horton Miles Lyons Pham Graves Bush Thornton Wolfe Warner Cabrera McKinney Mann
Zimmerman Dawson Lara Fletcher Page McCarthy Love Robles Cervantes Solis Erickson Reeves Chang Klein
Salinas Fuentes Baldwin Daniel Simon Velasquez Hardy Higgins Aguirre Lin Cummings Chandler Sharp Barber
Bowen Ochoa Dennis Robbins Liu Ramsey Francis Griffith Paul Blair OConnor O'Connor Cardenas Pacheco Cross
Calderon Quinn Moss Swanson Chan Rivas Khan Rodgers Serrano Fitzgerald Rosales Stevenson Christensen
Manning Gill Curry McLaughlin Harmon McGee Gross Doyle Garner Newton Burgess Reese Walton Blake Trujillo
Adkins Brady Goodman Roman Webster Goodwin Fischer Huang Potter Delacruz Montoya Todd Wu Hines Mullins
Zhang Liu Zhao Huang Zhou Wu Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng Liang Xie Song Tang Han Feng Deng
Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Choi Jung Kang Cho Yoon Jang Lim
Shah Sharma Gupta Kumar Reddy Rao Desai Mehta Iyer Nair Chowdhury Rahman Hussain Ahmed Ali Hassan Malik
Okafor Okonkwo Adeyemi Mensah Boateng Mwangi Otieno Kowalski Nowak Ivanov Petrov Popescu Rossi Russo
Ferrari Esposito Bianchi Romano Muller Schmitt Dubois Moreau Laurent Lefebvre Murphy O'Neill Byrne Kavanagh
`);

/**
 * Given names that are also everyday English words. Alone they are never taken as a name; after
 * a cue or before a known family name they are ("Will Smith", "Mr. Hope").
 */
export const AMBIGUOUS_GIVEN_NAMES: ReadonlySet<string> = words(`
may june april august will mark bill grace hope faith joy rose iris ivy jade ruby pearl crystal dawn summer
autumn sky river art sandy rusty drew chase hunter carter mason cole jack frank ray gene don guy rich norm
pat sue patience destiny harmony max bob jean joe tom tim dan ben sam chris nick li jun ming yu wei le an
ali amber hazel lily aurora luna stella harper riley jordan austin madison charlotte virginia carmen victoria
`);

/**
 * Family names that are also common words or eponyms; alone, without a cue or a given name in
 * front, they are not names ("white count", "Graves disease", "Foley catheter").
 */
export const AMBIGUOUS_FAMILY_NAMES: ReadonlySet<string> = words(`
brown white young king hill green black bell rose long price rice hunt cook baker hall ward gray grey bush
west lane fox stone may page banks bishop porter fields wood woods day little love cross moss sharp strong
little short small hale hail hart holmes mills miles lyons power powers wells walker turner parker hunter
mason carter cole dean gill gross todd love fuller carpenter chandler barber brewer cooper foster fisher
gardner lawson newman park simon paul george henry james thomas joseph daniel dennis douglas francis
gregory lawrence leonard stanley terry jordan austin alexander wallace graham graves murphy foley
parkinson crohn hodgkin addison cushing wilson down tourette alzheimer huntington raynaud barrett kaposi
marfan turner paget whipple nissen hartmann heimlich glasgow apgar babinski romberg kernig brudzinski homans
mcmurray lachman phalen tinel trendelenburg valsalva korotkoff kussmaul cheyne stokes wolff wernicke
korsakoff horner osler virchow epstein barr gram pap holter doppler swan ganz bence jones guillain barre
sjogren lyme meniere klinefelter bells reed long chase frank hope grace major rich strong
sun
`);

/**
 * Capitalised words that follow a cue but are not names: section headings, clinical words,
 * departments, weekdays, months, pronouns and sentence starters. Checked by lowercase form.
 */
export const NOT_NAME_WORDS: ReadonlySet<string> = words(`
the a an this that these those he she they his her their it its we our you your i me my patient patients pt
is was were are be been has had have will would should could may might can did does do not no yes none
and or but if then with without for from to of in on at by as after before during since until while
history present illness chief complaint assessment plan subjective objective exam examination review
systems vitals vital signs labs lab laboratory results impression diagnosis diagnoses medications meds
allergies allergy social family surgical past medical hpi ros pmh psh fh sh cc a/p soap note notes
discharge summary admission admitted discharged follow followup up consult consultation referral
referred reason procedure procedures hospital course condition disposition instructions diet activity
signed electronically dictated transcribed attending resident fellow physician provider nurse doctor
clinic center centre department dept unit ward floor service team office practice group health medical
university memorial general regional community county state national st saint mount mt
emergency cardiology neurology oncology radiology pathology pediatrics paediatrics surgery orthopedics
orthopaedics dermatology psychiatry psychology urology nephrology gastroenterology hepatology pulmonology
endocrinology rheumatology hematology infectious disease internal medicine family obstetrics gynecology
ophthalmology otolaryngology ent icu micu sicu ccu nicu picu ed er or pacu rehab rehabilitation therapy
physical occupational speech pharmacy nutrition social work case management hospice palliative
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat january february march april june july
september october november december jan feb mar apr jun jul aug sep sept oct nov dec today tomorrow
yesterday morning afternoon evening night
mr mrs ms miss dr prof mx sir madam dear regards sincerely thank thanks please
md do rn np pa phd mbbs mph facp facc facs dnp crna lpn cna pharmd dds dmd od
blood pressure heart rate temperature pulse respiratory oxygen saturation weight height bmi
denies reports states presents presented complains noted no new continue continued start started
stop stopped increase decrease take takes taking given gave received recommend recommended
return call seek if when where what who which how why there here also again well good fair poor
stable improved unchanged normal abnormal negative positive mild moderate severe acute chronic
left right bilateral anterior posterior lateral medial upper lower
insurance member policy subscriber account phone fax email address city zip code mrn dob ssn date
name age sex gender male female man woman boy girl son daughter wife husband mother father brother
sister spouse partner guardian friend caregiver contact kin next
mobile cell home work office pager unknown none self declined same see above below per via n/a
hi hello hey thanks okay ok whom dear everyone team staff all
`);

/** Titles that put a name right after them; the title itself is not part of the span. */
export const TITLES: ReadonlySet<string> = words(`mr mrs ms miss mx dr doctor prof professor sr sra srta`);

/** Lowercase particles that may sit inside a name: "Ludwig van Beethoven", "Maria de la Cruz". */
export const NAME_PARTICLES: ReadonlySet<string> = words(
  `van von der de del della da di du la le bin binti al el ter ten dos das`,
);

/** Generational suffixes kept inside a name span. */
export const NAME_SUFFIXES: ReadonlySet<string> = words(`jr jr. sr sr. ii iii iv`);

/** Common Chinese family names (single and compound), for names after 姓名/患者 cues. */
export const CHINESE_FAMILY_NAMES: readonly string[] = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '令狐',
];
