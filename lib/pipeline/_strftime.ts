// Private: strftime(3) in local time, for tcpdump's `-G` file names.

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

const pad = (n: number, width = 2, fill = "0") => String(n).padStart(width, fill);

function dayOfYear(date: Date): number {
  const start = new Date(date.getFullYear(), 0, 1);
  const utc = (d: Date) => Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
  return (utc(date) - utc(start)) / 86_400_000 + 1;
}

function offset(date: Date): string {
  const minutes = -date.getTimezoneOffset();
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

/** Formats a time as C's strftime does in the C locale, in local time (as `TZ` says). */
export function strftime(format: string, seconds: number): string {
  const date = new Date(seconds * 1000);
  return format.replace(/%([%aAbBcCdDeFhHIjmMnprRsStTuwyYzZ])/g, (_, c: string) => {
    switch (c) {
      case "%":
        return "%";
      case "a":
        return DAYS[date.getDay()]!.slice(0, 3);
      case "A":
        return DAYS[date.getDay()]!;
      case "b":
      case "h":
        return MONTHS[date.getMonth()]!.slice(0, 3);
      case "B":
        return MONTHS[date.getMonth()]!;
      case "c":
        return strftime("%a %b %e %H:%M:%S %Y", seconds);
      case "C":
        return pad(Math.floor(date.getFullYear() / 100));
      case "d":
        return pad(date.getDate());
      case "D":
        return strftime("%m/%d/%y", seconds);
      case "e":
        return pad(date.getDate(), 2, " ");
      case "F":
        return strftime("%Y-%m-%d", seconds);
      case "H":
        return pad(date.getHours());
      case "I":
        return pad(date.getHours() % 12 === 0 ? 12 : date.getHours() % 12);
      case "j":
        return pad(dayOfYear(date), 3);
      case "m":
        return pad(date.getMonth() + 1);
      case "M":
        return pad(date.getMinutes());
      case "n":
        return "\n";
      case "p":
        return date.getHours() < 12 ? "AM" : "PM";
      case "r":
        return strftime("%I:%M:%S %p", seconds);
      case "R":
        return strftime("%H:%M", seconds);
      case "s":
        return String(Math.floor(seconds));
      case "S":
        return pad(date.getSeconds());
      case "T":
        return strftime("%H:%M:%S", seconds);
      case "u":
        return String(date.getDay() === 0 ? 7 : date.getDay());
      case "w":
        return String(date.getDay());
      case "y":
        return pad(date.getFullYear() % 100);
      case "Y":
        return String(date.getFullYear());
      case "z":
        return offset(date);
      default: // Z
        return new Intl.DateTimeFormat("en-US", { timeZoneName: "short" }).formatToParts(date)
          .find((part) => part.type === "timeZoneName")?.value ?? "";
    }
  });
}
