/**
 * Place words for the location rules. States are NOT identifiers under Safe Harbor (only
 * subdivisions smaller than a state are), so they are used as context: "Dayton, OH 45402" tells
 * us that "Dayton" is a city and "45402" a ZIP code. Lists are comma-separated text to keep the
 * file short; multi-word names keep their spaces.
 */

const list = (text: string): string[] =>
  text
    .split(/,\s*/)
    .map((item) => item.trim())
    .filter((item) => item.length > 0);

/** USPS state and territory abbreviations. */
export const STATE_ABBREVIATIONS: readonly string[] = list(`
AL, AK, AZ, AR, CA, CO, CT, DE, DC, FL, GA, HI, ID, IL, IN, IA, KS, KY, LA, ME, MD, MA, MI, MN, MS, MO,
MT, NE, NV, NH, NJ, NM, NY, NC, ND, OH, OK, OR, PA, RI, SC, SD, TN, TX, UT, VT, VA, WA, WV, WI, WY, PR,
GU, VI
`);

/**
 * Abbreviations that are also clinical shorthand or credentials ("John Smith, MD", "CT chest",
 * "Cardiology, PA"). After these a preceding word is taken as a city only when a ZIP code follows.
 */
export const AMBIGUOUS_STATE_ABBREVIATIONS: ReadonlySet<string> = new Set(
  list(`
MD, PA, MA, DO, IN, OR, OK, ME, HI, ID, CT, MS, DE, CO, LA, AL, NE, SC, GA, MO, MT, NP, RN, VA, PR, GU,
VI, DC, NC, ND, SD, RI, UT, WA
`),
);

/** Full state names. */
export const STATE_NAMES: readonly string[] = list(`
Alabama, Alaska, Arizona, Arkansas, California, Colorado, Connecticut, Delaware, Florida, Georgia,
Hawaii, Idaho, Illinois, Indiana, Iowa, Kansas, Kentucky, Louisiana, Maine, Maryland, Massachusetts,
Michigan, Minnesota, Mississippi, Missouri, Montana, Nebraska, Nevada, New Hampshire, New Jersey,
New Mexico, New York, North Carolina, North Dakota, Ohio, Oklahoma, Oregon, Pennsylvania, Rhode Island,
South Carolina, South Dakota, Tennessee, Texas, Utah, Vermont, Virginia, Washington, West Virginia,
Wisconsin, Wyoming, Puerto Rico
`);

/**
 * The most populous US cities plus county seats and medical-centre towns. A city in this list is
 * found anywhere it is capitalised and followed by a state or preceded by a residence cue;
 * {@link AMBIGUOUS_CITIES} need the state.
 */
export const US_CITIES: readonly string[] = list(`
New York, Los Angeles, Chicago, Houston, Phoenix, Philadelphia, San Antonio, San Diego, Dallas, San Jose,
Austin, Jacksonville, Fort Worth, Columbus, Charlotte, San Francisco, Indianapolis, Seattle, Denver,
Washington, Boston, El Paso, Nashville, Detroit, Oklahoma City, Portland, Las Vegas, Memphis, Louisville,
Baltimore, Milwaukee, Albuquerque, Tucson, Fresno, Mesa, Sacramento, Atlanta, Kansas City,
Colorado Springs, Omaha, Raleigh, Miami, Long Beach, Virginia Beach, Oakland, Minneapolis, Tulsa, Tampa,
Arlington, New Orleans, Wichita, Cleveland, Bakersfield, Aurora, Anaheim, Honolulu, Santa Ana, Riverside,
Corpus Christi, Lexington, Stockton, Henderson, Saint Paul, St. Paul, St. Louis, Saint Louis, Cincinnati,
Pittsburgh, Greensboro, Anchorage, Plano, Lincoln, Orlando, Irvine, Newark, Toledo, Durham, Chula Vista,
Fort Wayne, Jersey City, St. Petersburg, Laredo, Madison, Chandler, Buffalo, Lubbock, Scottsdale, Reno,
Glendale, Gilbert, Winston-Salem, North Las Vegas, Norfolk, Chesapeake, Garland, Irving, Hialeah,
Fremont, Boise, Richmond, Baton Rouge, Spokane, Des Moines, Tacoma, San Bernardino, Modesto, Fontana,
Santa Clarita, Birmingham, Oxnard, Fayetteville, Moreno Valley, Rochester, Huntington Beach,
Salt Lake City, Grand Rapids, Amarillo, Yonkers, Montgomery, Akron, Little Rock, Huntsville, Augusta,
Columbia, Grand Prairie, Shreveport, Overland Park, Tallahassee, Mobile, Knoxville, Worcester,
Providence, Chattanooga, Sioux Falls, Vancouver, Fort Lauderdale, Springfield, Peoria, Eugene, Salem,
Pasadena, Syracuse, Savannah, Dayton, Hartford, New Haven, Ann Arbor, Albany, Allentown, Bridgeport,
Burlington, Charleston, Cedar Rapids, Duluth, Erie, Evansville, Flint, Gainesville, Green Bay,
Harrisburg, Lansing, Macon, Manchester, Missoula, Pensacola, Portsmouth, Roanoke, Rockford, Scranton,
South Bend, Topeka, Trenton, Tyler, Waco, Wilmington, Youngstown, Asheville, Bangor, Billings, Bismarck,
Boulder, Cheyenne, Concord, Fargo, Flagstaff, Galveston, Jackson, Juneau, Kalamazoo, Lafayette, Lakeland,
Muncie, Olympia, Pueblo, Rapid City, Santa Fe, Sarasota, Tempe, Ithaca, Hershey, Rochester Hills,
Bethesda, Cambridge, Somerville, Brookline, Newton, Quincy, Lowell, Stamford, Camden, Paterson, Hoboken,
Ogden, Provo, Yakima, Bellevue, Everett, Redding, Joliet, Naperville
`);

/**
 * Cities whose names are also common words, given names or surnames ("Mobile", "Jackson",
 * "Charlotte", "Aurora", "Columbia"): taken only before a state, not after "lives in".
 */
export const AMBIGUOUS_CITIES: ReadonlySet<string> = new Set(
  list(`
Mobile, Jackson, Charlotte, Aurora, Lincoln, Madison, Austin, Henderson, Chandler, Irving, Garland,
Buffalo, Phoenix, Columbia, Augusta, Eugene, Salem, Tyler, Concord, Lafayette, Richmond, Newton, Quincy,
Manchester, Washington, Arlington, Glendale, Gilbert, Columbus, Cleveland, Everett, Vancouver,
Providence, Peoria, Springfield, Erie, Flint, Bangor, Durham, Birmingham, Cambridge, Burlington,
Portsmouth, Wilmington, Camden, Reno, Mesa
`),
);

/** Street-type words that end the street part of an address. */
export const STREET_TYPES: readonly string[] = list(`
Street, Avenue, Road, Boulevard, Drive, Lane, Court, Place, Way, Terrace, Circle, Parkway, Highway, Square,
Trail, Route, Pike, Alley, Row, Crescent, Close, Loop, Plaza, Path, Run, Ridge, Expressway, Turnpike
`);

/** USPS abbreviations of street types; these may carry a period ("St.", "Ave."). */
export const STREET_TYPE_ABBREVIATIONS: readonly string[] = list(`
St, Ave, Av, Rd, Blvd, Dr, Ln, Ct, Pl, Ter, Cir, Pkwy, Hwy, Sq, Trl, Rte, Expy, Tpke
`);
