export default function Home() {
  return <main>Timebox</main>;
}
